// The explorer: state in one reducer, everything else derived per frame, only visible rows rendered.
import { useCallback, useMemo } from 'react';
import { pathHistory, type ContentReader, type ImageAnalysis, type ImageModel, type PathId, type TreeSource } from '../core/index.js';
import {
  buildLayerRows,
  buildTreeRows,
  imageSummaryLines,
  imageListLines,
  imageListTargets,
  layerDetailLines,
  layerRowPositions,
  treeHeader,
} from '../presentation/index.js';
import { absolutePath } from '../presentation/image-path.js';
import { ExplorerScreen } from './explorer-screen.js';
import { useExplorerState } from './hooks/use-explorer-state.js';
import type { SizeSource } from './hooks/use-terminal-size.js';
import { useTreePrefetch } from './hooks/use-tree-prefetch.js';
import type { Keymap } from './keymap.js';
import { computeLayout, treeWindow } from './layout.js';
import { explorerReducer } from './key-reducer.js';
import type { ExplorerState } from './state.js';
import { makeTheme } from './theme.js';
import { setTruncationCharacter } from './truncation.js';
import { treeViews } from './tree-views.js';
import { useExtract, useFileHistory } from './viewer/use-content-actions.js';
import { useViewerDocument } from './viewer/use-viewer-document.js';
import { viewerPageSize } from './viewer/viewer-keys.js';

/** The directories above `path`, for unfolding them. */
function ancestorsOf(image: ImageModel, path: PathId): PathId[] {
  const out: PathId[] = [];
  for (let at = image.paths.parent(path); at > 0; at = image.paths.parent(at)) out.push(at);
  return out;
}

export interface ExplorerProps {
  readonly image: ImageModel;
  readonly trees: TreeSource;
  readonly analysis: ImageAnalysis;
  readonly keymap: Keymap;
  readonly color: boolean;
  readonly ascii: boolean;
  /** Size at start; later sizes come from `sizeSource`'s resize events. */
  readonly columns: number;
  readonly rows: number;
  readonly sizeSource?: SizeSource;
  /** Called once when the user quits; by default the Ink app exits. */
  readonly onQuit?: () => void;
  /** For tests: start from this state instead of the initial one. */
  readonly initial?: Partial<ExplorerState>;
  /** Reads file bytes for the viewer; without it Enter says contents are not available. */
  readonly content?: ContentReader;
  /** Extracts a file or directory as of a layer; resolves to a one-line message (unescaped: shown escaped). */
  readonly extract?: (layer: number, path: PathId) => Promise<string>;
}

function treeTitle(state: ExplorerState): string {
  let title = state.compare === 'layer' ? 'Layer contents' : 'Aggregated contents';
  if (state.order === 'size') title += ' [by size]';
  if (state.hidden.size > 0) title += ` [hiding ${[...state.hidden].join(', ')}]`;
  return title;
}

export function Explorer(props: ExplorerProps) {
  const { image, trees, analysis, keymap, color, ascii, sizeSource, onQuit } = props;
  const theme = useMemo(() => {
    setTruncationCharacter(ascii); // Ink's cut rows end in '...' too (truncation.ts)
    return makeTheme(color, ascii);
  }, [color, ascii]);
  const layerRows = useMemo(() => buildLayerRows(image), [image]);
  const positions = useMemo(() => layerRowPositions(layerRows), [layerRows]);
  const summary = useMemo(() => imageSummaryLines(analysis, theme.ascii), [analysis, theme.ascii]);
  const files = useMemo(() => imageListLines(image, analysis), [image, analysis]);
  const views = useMemo(() => treeViews(image, trees), [image, trees]);
  const historyLayers = useCallback((path: PathId) => pathHistory(image, path).map((step) => step.layer), [image]);
  // Secrets: Enter on a finding in the image pane goes to its file at the layer that wrote it.
  const imageTargets = useMemo(() => imageListTargets(image).map((t) => t && { ...t, ancestors: ancestorsOf(image, t.path) }), [image]);
  const secretPaths = useMemo(() => new Set((image.secrets?.findings ?? []).map((f) => f.path)), [image]);
  const reducer = useMemo(
    () => explorerReducer({ keymap, view: views, historyLayers, imageTargets, ascii }),
    [keymap, views, historyLayers, imageTargets, ascii],
  );
  const [state, dispatch] = useExplorerState(reducer, {
    counts: {
      layerCount: image.layers.length,
      layerRowCount: layerRows.length,
      inefficientCount: files.length,
      columns: props.columns,
      rows: props.rows,
    },
    contentAvailable: props.content !== undefined,
    initial: props.initial,
    sizeSource,
    onQuit,
  });

  const view = views(state);
  useTreePrefetch(trees, state.selectedLayer, image.layers.length, state.compare, state.order, state);
  const layout = computeLayout(state.columns, state.rows, layerRows.length);
  const { page, top } = treeWindow(layout, state, view.rows.length);
  const style = useMemo(
    () => ({ ascii, attributes: state.attributes && !layout.compact, diffMarkers: !color, secrets: secretPaths }),
    [ascii, state.attributes, layout.compact, color, secretPaths],
  );
  const treeRows = useMemo(
    () => buildTreeRows(view.tree, image.paths, view.mask, state.collapsed, view.rows, top, top + page, style, view.layerTree),
    [view, image.paths, state.collapsed, top, page, style],
  );
  const details = useMemo(() => layerDetailLines(image, state.selectedLayer), [image, state.selectedLayer]);
  // File viewer, file history and extract (issue 10).
  const viewerContent = useViewerDocument(image, props.content, state.viewer, viewerPageSize(state.rows), dispatch);
  const historyRows = useFileHistory(image, state.history?.path, dispatch);
  useExtract(props.extract, state.extractRequest, dispatch);
  const viewPath = state.viewer?.path ?? state.history?.path;
  const viewName = viewPath === undefined ? '' : absolutePath(image.paths.path(viewPath));

  return (
    <ExplorerScreen
      state={state}
      image={image}
      keymap={keymap}
      theme={theme}
      ascii={ascii}
      layerRows={layerRows}
      positions={positions}
      summary={summary}
      files={files}
      details={details}
      treeTitle={treeTitle(state)}
      treeHeader={treeHeader(style)}
      treeRows={treeRows}
      treeRowCount={view.rows.length}
      viewerContent={viewerContent}
      viewName={viewName}
      historyRows={historyRows}
    />
  );
}
