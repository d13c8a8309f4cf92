// Pane geometry from the terminal size, pure, shared by the reducer (page sizes) and the view.
// dive's arrangement: layers, layer details and image details stacked on the left, the tree on the right.
import { IMAGE_SUMMARY_LINE_COUNT } from '../presentation/index.js';

export interface Layout {
  readonly columns: number;
  readonly rows: number;
  /** Too small to draw anything useful: the view shows a one-line notice instead. */
  readonly tooSmall: boolean;
  /** Narrower than 80 columns: the layers pane drops its command column and attributes are hidden. */
  readonly compact: boolean;
  readonly leftWidth: number;
  /** Tree column width, its left border included. */
  readonly rightWidth: number;
  readonly layersHeight: number;
  readonly detailsHeight: number;
  readonly imageHeight: number;
  readonly treeHeight: number;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
const KEY_BAR_ROWS = 1;

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

export function computeLayout(columns: number, rows: number, layerRowCount: number): Layout {
  const cols = Math.max(1, Math.floor(columns));
  const height = Math.max(1, Math.floor(rows));
  const compact = cols < 80;
  const leftWidth = compact ? clamp(Math.floor(cols * 0.3), 16, 24) : clamp(Math.floor(cols * 0.42), 34, 72);
  const body = height - KEY_BAR_ROWS;
  const detailsHeight = clamp(Math.floor(body * 0.28), 4, 9);
  const layersHeight = clamp(layerRowCount + 1, 3, Math.floor((body - detailsHeight) * 0.5));
  return {
    columns: cols,
    rows: height,
    tooSmall: cols < MIN_COLUMNS || height < MIN_ROWS,
    compact,
    leftWidth,
    rightWidth: cols - leftWidth,
    layersHeight,
    detailsHeight,
    imageHeight: body - detailsHeight - layersHeight,
    treeHeight: body,
  };
}

/** The fewest cells a layer's size bar is drawn in beside the command (the diff view's bars have 4). */
export const MIN_LAYER_BAR = 4;

/**
 * Cells of the layers pane's size bar (the heaviest layer fills it), 0 for none. Beside the command
 * the bar gets what the pane has beyond 33 columns (15 for mark, number, size and gaps, 18 that the
 * command keeps: its room at 80 columns), at most 8. Narrower than MIN_LAYER_BAR it is not drawn and
 * the command, which is what names a layer, takes those cells: a 1- to 3-cell bar ranks layers no
 * better than the size printed beside it (in ASCII one cell is '#' for every layer). So at 80 to 88
 * columns there is no bar, from 89 (a 37-column pane) there are 4 cells. Compact rows have no command
 * to give cells to: there the bar keeps whatever fits, 1 to 8.
 */
export function layerBarCells(paneWidth: number, compact: boolean): number {
  if (compact) return clamp(paneWidth - 14, 1, 8);
  const cells = Math.min(8, paneWidth - 33);
  return cells >= MIN_LAYER_BAR ? cells : 0;
}

/** Tree rows that fit: the pane minus its title, column header and the filter line when shown. */
export function treePageSize(layout: Layout, filterShown: boolean): number {
  return Math.max(1, layout.treeHeight - 2 - (filterShown ? 1 : 0));
}

/** The tree rows on screen: whether the filter line takes one, how many fit, the first one, with the cursor kept inside the rows there are. */
export function treeWindow(
  layout: Layout,
  state: { readonly filterEditing: boolean; readonly filter: string; readonly treeCursor: number; readonly treeTop: number },
  rowCount: number,
): { readonly filterShown: boolean; readonly page: number; readonly top: number; readonly cursor: number } {
  const filterShown = state.filterEditing || state.filter !== '';
  const page = treePageSize(layout, filterShown);
  const cursor = Math.min(state.treeCursor, Math.max(0, rowCount - 1));
  return { filterShown, page, cursor, top: Math.max(0, Math.min(state.treeTop, cursor, rowCount - page)) };
}

/**
 * The list rows the focused image pane keeps at least (when its list has that many): a secret's finding
 * and the ones below it, the top one being what Enter acts on, rather than a list header over nothing.
 */
export const FOCUSED_IMAGE_LIST_ROWS = 4;

/** How the image pane's rows below its title are shared: summary lines, the secrets line, list header and list rows. */
export interface ImagePaneRows {
  readonly summary: number;
  /** The summary starts with a line saying secrets were found: the list, where they are, got no row. */
  readonly alert: boolean;
  readonly header: boolean;
  readonly list: number;
}

/**
 * Unfocused, the summary comes first and the list gets what is left (at 80x24 with 7 layers or more, no
 * row): then, when there are secrets, a first line says so, for nothing may hide them. Focused, the
 * summary folds from its bottom so the list keeps FOCUSED_IMAGE_LIST_ROWS rows: the pane the user went
 * to shows what can be scrolled and acted on, as lazygit's focused panel grows on a short terminal.
 */
export function imagePaneRows(
  height: number,
  listCount: number,
  focused: boolean,
  secrets: boolean,
  summaryCount = IMAGE_SUMMARY_LINE_COUNT,
): ImagePaneRows {
  const room = Math.max(0, height - 1);
  const kept = focused ? Math.min(listCount, FOCUSED_IMAGE_LIST_ROWS) + 1 : 0; // the rows and their header
  const summary = clamp(room - kept, 0, summaryCount);
  const list = Math.max(0, room - summary - 1);
  if (secrets && list === 0 && room > 0) return { summary: Math.min(summaryCount, room - 1), alert: true, header: false, list: 0 };
  return { summary, alert: false, header: room > summary, list };
}

/**
 * Rows the image list pages by: the focused pane's (only the focused pane scrolls), at least 1. Secrets
 * change nothing here: their line only takes a row the list would not have had.
 */
export function imagePageSize(layout: Layout, listCount: number): number {
  return Math.max(1, imagePaneRows(layout.imageHeight, listCount, true, false).list);
}
