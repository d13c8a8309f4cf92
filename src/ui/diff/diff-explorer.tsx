// The explorer on the difference of two images (`layerscope diff A B` on a terminal): the tree of
// changed paths in the explorer's own tree pane, reducer and keymap; both layer lists; the numbers;
// Enter shows A's and B's versions of a file as a unified diff in the explorer's viewer.
import { useMemo } from 'react';
import { buildChangeTree, type ContentReader, type DiffInput, type ImageDiff, type TreeOrder } from '../../core/index.js';
import { buildTreeRows } from '../../presentation/index.js';
import { changeRowStyle, changeTreeHeader, diffLayerRows, diffSummaryLines } from '../../presentation/diff/index.js';
import { useExplorerState } from '../hooks/use-explorer-state.js';
import type { SizeSource } from '../hooks/use-terminal-size.js';
import { explorerReducer } from '../key-reducer.js';
import type { Keymap } from '../keymap.js';
import { computeLayout, treeWindow } from '../layout.js';
import type { ExplorerState } from '../state.js';
import { makeTheme } from '../theme.js';
import { setTruncationCharacter } from '../truncation.js';
import { viewerPageSize } from '../viewer/viewer-keys.js';
import { changeViews } from './change-views.js';
import { DiffScreen } from './diff-screen.js';
import { diffKeymap } from './diff-keymap.js';
import { useChangeDocument } from './use-change-document.js';

export interface DiffExplorerProps {
  readonly diff: ImageDiff;
  readonly a: DiffInput;
  readonly b: DiffInput;
  readonly keymap: Keymap;
  readonly color: boolean;
  readonly ascii: boolean;
  readonly columns: number;
  readonly rows: number;
  readonly sizeSource?: SizeSource;
  readonly onQuit?: () => void;
  readonly initial?: Partial<ExplorerState>;
  /** Each image's file bytes; without them Enter says contents are not available. */
  readonly content?: { readonly a: ContentReader; readonly b: ContentReader };
}

function treeTitle(state: ExplorerState, arrow: string): string {
  let title = `Changes A ${arrow} B`;
  if (state.order === 'size') title += ' [by size]';
  if (state.hidden.size > 0) title += ` [hiding ${[...state.hidden].join(', ')}]`;
  return title;
}

export function DiffExplorer(props: DiffExplorerProps) {
  const { diff, a, b, color, ascii, sizeSource, onQuit } = props;
  const theme = useMemo(() => {
    setTruncationCharacter(ascii); // Ink's cut rows end in '...' too (truncation.ts)
    return makeTheme(color, ascii);
  }, [color, ascii]);
  const keymap = useMemo(() => diffKeymap(props.keymap), [props.keymap]);
  const layerRows = useMemo(() => diffLayerRows(a.image, b.image, diff.layers), [a, b, diff]);
  const summary = useMemo(() => diffSummaryLines(diff, ascii), [diff, ascii]);
  const views = useMemo(() => {
    const sides = [
      { image: a.image, tree: a.finalTree },
      { image: b.image, tree: b.finalTree },
    ] as const;
    return changeViews((order: TreeOrder) => buildChangeTree(diff.files, ...sides, order));
  }, [diff, a, b]);
  const reducer = useMemo(() => explorerReducer({ keymap, view: views, ascii }), [keymap, views, ascii]);
  const aLayers = a.image.layers.length;
  const [state, dispatch] = useExplorerState(reducer, {
    counts: {
      layerCount: aLayers + b.image.layers.length,
      layerRowCount: layerRows.length,
      inefficientCount: summary.length,
      columns: props.columns,
      rows: props.rows,
    },
    contentAvailable: props.content !== undefined,
    initial: props.initial,
    sizeSource,
    onQuit,
  });

  const view = views(state);
  const layout = computeLayout(state.columns, state.rows, layerRows.length);
  const { page, top } = treeWindow(layout, state, view.rows.length);
  const style = useMemo(
    () => changeRowStyle(view.tree, { ascii, attributes: state.attributes && !layout.compact, diffMarkers: !color }),
    [view.tree, ascii, state.attributes, layout.compact, color],
  );
  const treeRows = useMemo(
    () => buildTreeRows(view.tree, view.tree.paths, view.mask, state.collapsed, view.rows, top, top + page, style),
    [view, state.collapsed, top, page, style],
  );
  const document = useChangeDocument(view.tree, state.viewer, a.image, b.image, props.content, viewerPageSize(state.rows), dispatch);

  return (
    <DiffScreen
      state={state}
      diff={diff}
      a={a}
      b={b}
      keymap={keymap}
      theme={theme}
      ascii={ascii}
      layerRows={layerRows}
      summary={summary}
      treeTitle={treeTitle(state, ascii ? '->' : '→')}
      treeHeader={changeTreeHeader(style)}
      treeRows={treeRows}
      treeRowCount={view.rows.length}
      document={document}
    />
  );
}
