// The explorer's screen: everything drawn, from the state and what the explorer derived from it. Memoised
// by what it draws (see same-screen.ts): a key that only asks an effect for something draws no frame.
import { Box } from 'ink';
import { memo } from 'react';
import type { ImageModel } from '../core/index.js';
import {
  imageListHeader,
  imageTitle,
  secretAlert,
  type buildLayerRows,
  type buildTreeRows,
  type imageListLines,
  type imageSummaryLines,
  type layerDetailLines,
  type layerRowPositions,
} from '../presentation/index.js';
import { LayerDetailsPane, ImagePane } from './components/details-panes.js';
import { HelpOverlay } from './components/help-overlay.js';
import { focusKeys, hintText } from './components/key-bar.js';
import { LayersPane } from './components/layers-pane.js';
import { ScreenFrame, TreeColumn } from './components/screen-frame.js';
import type { Keymap } from './keymap.js';
import { computeLayout } from './layout.js';
import { sameScreenProps } from './same-screen.js';
import type { ExplorerState } from './state.js';
import type { Theme } from './theme.js';
import { HistoryPane } from './viewer/history-pane.js';
import type { ViewerContent } from './viewer/use-viewer-document.js';
import { viewHints } from './viewer/viewer-keys.js';
import { ViewerPane } from './viewer/viewer-pane.js';

export interface ExplorerScreenProps {
  readonly state: ExplorerState;
  readonly image: ImageModel;
  readonly keymap: Keymap;
  readonly theme: Theme;
  readonly ascii: boolean;
  readonly layerRows: ReturnType<typeof buildLayerRows>;
  readonly positions: ReturnType<typeof layerRowPositions>;
  readonly summary: ReturnType<typeof imageSummaryLines>;
  readonly files: ReturnType<typeof imageListLines>;
  readonly details: ReturnType<typeof layerDetailLines>;
  readonly treeTitle: string;
  readonly treeHeader: string;
  readonly treeRows: ReturnType<typeof buildTreeRows>;
  /** Rows of the tree view (visible or not): where the cursor and the page are. */
  readonly treeRowCount: number;
  readonly viewerContent: ViewerContent;
  readonly viewName: string;
  readonly historyRows: readonly string[];
}

export const ExplorerScreen = memo(
  function ExplorerScreen(props: ExplorerScreenProps) {
    const { state, image, keymap, theme, ascii, layerRows, positions, summary, files, details, treeRows } = props;
    const { viewerContent, viewName, historyRows } = props;
    const layout = computeLayout(state.columns, state.rows, layerRows.length);
    const body = layout.rows - 1;
    const hints =
      state.status ??
      (state.viewer
        ? viewHints(keymap, 'viewer', state.viewer.searching, ascii)
        : state.history
          ? viewHints(keymap, 'history', false, ascii)
          : hintText(keymap, state.pane, state.filterEditing, ascii));
    return (
      <ScreenFrame layout={layout} hints={theme.ui(hints)}>
        {state.help ? (
          <HelpOverlay keymap={keymap} height={body} width={layout.columns} top={state.helpTop} ascii={ascii} />
        ) : state.viewer ? (
          <ViewerPane
            viewer={state.viewer}
            content={viewerContent}
            name={viewName}
            layerCount={image.layers.length}
            height={body}
            width={layout.columns}
            theme={theme}
          />
        ) : state.history ? (
          <HistoryPane
            name={viewName}
            rows={historyRows}
            cursor={state.history.cursor}
            height={body}
            width={layout.columns}
            theme={theme}
          />
        ) : (
          <Box flexDirection="row" height={body}>
            <Box flexDirection="column" width={layout.leftWidth}>
              <LayersPane
                rows={layerRows}
                selectedRow={positions[state.selectedLayer] ?? 0}
                selectedLayer={state.selectedLayer}
                compare={state.compare}
                focused={state.pane === 'layers'}
                height={layout.layersHeight}
                width={layout.leftWidth}
                compact={layout.compact}
                theme={theme}
              />
              <LayerDetailsPane
                title={`Layer ${state.selectedLayer + 1} of ${image.layers.length}`}
                lines={details}
                height={layout.detailsHeight}
                width={layout.leftWidth}
                theme={theme}
              />
              <ImagePane
                title={imageTitle(image)}
                summary={summary}
                files={files}
                header={imageListHeader(image)}
                alert={secretAlert(image)}
                alertKeys={focusKeys(keymap, state.pane, 'image', ascii)}
                top={state.imageTop}
                focused={state.pane === 'image'}
                height={layout.imageHeight}
                width={layout.leftWidth}
                theme={theme}
              />
            </Box>
            <TreeColumn
              layout={layout}
              state={state}
              ascii={ascii}
              theme={theme}
              title={props.treeTitle}
              header={props.treeHeader}
              rows={treeRows}
              rowCount={props.treeRowCount}
              emptyText={(filtered) => (filtered || state.hidden.size > 0 ? 'No files match' : 'No files in this view')}
            />
          </Box>
        )}
      </ScreenFrame>
    );
  },
  sameScreenProps<ExplorerScreenProps>(['viewerContent']),
);
