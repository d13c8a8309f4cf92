// What both explorers' screens share: the frame (a notice when the terminal is too small, else
// the body above the key bar) and the file tree's column right of the left-hand panes.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TreeRow } from '../../presentation/index.js';
import { MIN_COLUMNS, MIN_ROWS, treeWindow, type Layout } from '../layout.js';
import type { ExplorerState } from '../state.js';
import type { Theme } from '../theme.js';
import { KeyBar } from './key-bar.js';
import { TreePane } from './tree-pane.js';

/** The screen: `children` (one row shorter than the terminal) above the key bar showing `hints`. */
export function ScreenFrame({ layout, hints, children }: { layout: Layout; hints: string; children: ReactNode }) {
  if (layout.tooSmall) {
    // Wrapped, not cut: at 39 columns or fewer the notice is wider than the terminal, and its end says how to leave.
    return (
      <Box width={layout.columns} height={layout.rows} overflow="hidden">
        <Text wrap="wrap">{`Terminal too small (${layout.columns}x${layout.rows}): need ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      {children}
      <KeyBar text={hints} width={layout.columns} />
    </Box>
  );
}

export interface TreeColumnProps {
  readonly layout: Layout;
  readonly state: ExplorerState;
  readonly ascii: boolean;
  readonly theme: Theme;
  readonly title: string;
  readonly header: string;
  /** The rows on screen (the window treeWindow gives), of `rowCount` in the whole view. */
  readonly rows: readonly TreeRow[];
  readonly rowCount: number;
  /** What the pane says when it has no rows; `filtered`: a filter is shown. */
  readonly emptyText: (filtered: boolean) => string;
}

/** The tree pane, ruled off from the panes on its left. */
export function TreeColumn({ layout, state, ascii, theme, title, header, rows, rowCount, emptyText }: TreeColumnProps) {
  const { filterShown, cursor, top } = treeWindow(layout, state, rowCount);
  const body = layout.rows - 1;
  return (
    <Box
      borderStyle={ascii ? 'classic' : 'single'}
      borderTop={false}
      borderRight={false}
      borderBottom={false}
      width={layout.rightWidth}
      height={body}
    >
      <TreePane
        title={title}
        header={header}
        rows={rows}
        cursor={cursor - top}
        focused={state.pane === 'tree'}
        filter={filterShown ? { text: state.filter, editing: state.filterEditing } : undefined}
        emptyText={emptyText(filterShown)}
        height={body}
        width={layout.rightWidth - 1}
        theme={theme}
      />
    </Box>
  );
}
