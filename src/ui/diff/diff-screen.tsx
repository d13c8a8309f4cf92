// The diff explorer's screen: everything drawn, from the state and what the explorer derived from it.
// Memoised by what it draws (see ../same-screen.ts): a key that only asks an effect for something (n in
// the viewer) draws no frame of its own.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DiffInput, ImageDiff } from '../../core/index.js';
import { escapeName, type buildTreeRows } from '../../presentation/index.js';
import type { diffLayerRows, diffSummaryLines } from '../../presentation/diff/index.js';
import { HelpOverlay } from '../components/help-overlay.js';
import { hintText, KeyBar } from '../components/key-bar.js';
import { TreePane } from '../components/tree-pane.js';
import type { Keymap } from '../keymap.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, treeWindow } from '../layout.js';
import { sameScreenProps } from '../same-screen.js';
import type { ExplorerState } from '../state.js';
import type { Theme } from '../theme.js';
import { viewHints } from '../viewer/viewer-keys.js';
import { ViewerPane } from '../viewer/viewer-pane.js';
import { DiffLeftColumn } from './diff-left-column.js';
import type { useChangeDocument } from './use-change-document.js';

export interface DiffScreenProps {
  readonly state: ExplorerState;
  readonly diff: ImageDiff;
  readonly a: DiffInput;
  readonly b: DiffInput;
  readonly keymap: Keymap;
  readonly theme: Theme;
  readonly ascii: boolean;
  readonly layerRows: ReturnType<typeof diffLayerRows>;
  readonly summary: ReturnType<typeof diffSummaryLines>;
  readonly treeTitle: string;
  readonly treeHeader: string;
  readonly treeRows: ReturnType<typeof buildTreeRows>;
  /** Rows of the change tree (visible or not): where the cursor and the page are. */
  readonly treeRowCount: number;
  readonly document: ReturnType<typeof useChangeDocument>;
}

export const DiffScreen = memo(
  function DiffScreen(props: DiffScreenProps) {
    const { state, diff, a, b, keymap, theme, ascii, layerRows, summary, treeRows, document } = props;
    const layout = computeLayout(state.columns, state.rows, layerRows.length);
    const { filterShown, cursor, top } = treeWindow(layout, state, props.treeRowCount);
    if (layout.tooSmall) {
      return (
        <Text wrap="truncate-end">{`Terminal too small (${layout.columns}x${layout.rows}): need ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`}</Text>
      );
    }
    const body = layout.rows - 1;
    const hints =
      state.status ??
      (state.viewer ? viewHints(keymap, 'viewer', state.viewer.searching) : hintText(keymap, state.pane, state.filterEditing));
    return (
      <Box flexDirection="column" width={layout.columns} height={layout.rows}>
        {state.help ? (
          <HelpOverlay keymap={keymap} height={body} width={layout.columns} />
        ) : state.viewer ? (
          <ViewerPane
            viewer={state.viewer}
            content={document}
            heading={document.heading}
            name=""
            layerCount={0}
            height={body}
            width={layout.columns}
            theme={theme}
          />
        ) : (
          <Box flexDirection="row" height={body}>
            <DiffLeftColumn
              diff={diff}
              a={a.image}
              b={b.image}
              rows={layerRows}
              summary={summary}
              state={state}
              layout={layout}
              theme={theme}
            />
            <Box
              borderStyle={ascii ? 'classic' : 'single'}
              borderTop={false}
              borderRight={false}
              borderBottom={false}
              width={layout.rightWidth}
              height={body}
            >
              <TreePane
                title={props.treeTitle}
                header={props.treeHeader}
                rows={treeRows}
                cursor={cursor - top}
                focused={state.pane === 'tree'}
                filter={filterShown ? { text: state.filter, editing: state.filterEditing } : undefined}
                emptyText={
                  diff.identical
                    ? `A and B are the same image (${escapeName(diff.a.id ?? '')})`
                    : diff.files.length === 0
                      ? 'No files differ'
                      : 'No files match'
                }
                height={body}
                width={layout.rightWidth - 1}
                theme={theme}
              />
            </Box>
          </Box>
        )}
        <KeyBar text={hints} width={layout.columns} />
      </Box>
    );
  },
  sameScreenProps<DiffScreenProps>(['document']),
);
