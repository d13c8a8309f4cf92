// The diff explorer's screen: everything drawn, from the state and what the explorer derived from it.
// Memoised by what it draws (see ../same-screen.ts): a key that only asks an effect for something (n in
// the viewer) draws no frame of its own.
import { Box } from 'ink';
import { memo } from 'react';
import type { DiffInput, ImageDiff } from '../../core/index.js';
import { escapeName, type buildTreeRows } from '../../presentation/index.js';
import type { diffLayerRows, diffSummaryLines } from '../../presentation/diff/index.js';
import { HelpOverlay } from '../components/help-overlay.js';
import { hintText } from '../components/key-bar.js';
import { ScreenFrame, TreeColumn } from '../components/screen-frame.js';
import type { Keymap } from '../keymap.js';
import { computeLayout } from '../layout.js';
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
    const body = layout.rows - 1;
    const hints =
      state.status ??
      (state.viewer
        ? viewHints(keymap, 'viewer', state.viewer.searching, ascii)
        : hintText(keymap, state.pane, state.filterEditing, ascii));
    return (
      <ScreenFrame layout={layout} hints={theme.ui(hints)}>
        {state.help ? (
          <HelpOverlay keymap={keymap} height={body} width={layout.columns} top={state.helpTop} ascii={ascii} />
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
            <TreeColumn
              layout={layout}
              state={state}
              ascii={ascii}
              theme={theme}
              title={props.treeTitle}
              header={props.treeHeader}
              rows={treeRows}
              rowCount={props.treeRowCount}
              emptyText={() =>
                diff.identical
                  ? `A and B are the same image (${escapeName(diff.a.id ?? '')})`
                  : diff.files.length === 0
                    ? 'No files differ'
                    : 'No files match'
              }
            />
          </Box>
        )}
      </ScreenFrame>
    );
  },
  sameScreenProps<DiffScreenProps>(['document']),
);
