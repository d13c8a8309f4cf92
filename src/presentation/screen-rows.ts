// A full-screen frame written as the rows that changed since the last one. Ink repaints a frame as tall
// as the terminal by clearing the screen and writing every row again, on every key: over SSH that is the
// whole screen per keypress, and a terminal without synchronized output shows the clear. Rows are
// addressed absolutely (ESC[row;1H), erased whole (ESC[2K: erasing to the end of the line after a row
// that fills the width would also erase its last cell) and written; Ink ends every row's styles itself.

/** Rewrites fewer than this share of the rows; above it the full repaint costs the same bytes. */
const MOST_ROWS = 0.5;

/**
 * The escape sequence that turns the screen showing `previous` into `next` (rows of a frame, top row
 * first, the screen's own height at most), or undefined when repainting it whole is the better choice:
 * a different height, or most rows changed (a repaint also heals anything else that wrote to the
 * screen). The cursor is left on the last row, where a full repaint leaves it.
 */
export function changedRows(previous: readonly string[], next: readonly string[]): string | undefined {
  if (previous.length !== next.length || next.length === 0) return undefined;
  let out = '';
  let changed = 0;
  for (let row = 0; row < next.length; row++) {
    if (next[row] === previous[row]) continue;
    changed++;
    out += `\x1b[${row + 1};1H\x1b[2K${next[row]}`;
  }
  if (changed > next.length * MOST_ROWS) return undefined;
  const lastChanged = next[next.length - 1] !== previous[previous.length - 1];
  return lastChanged ? out : `${out}\x1b[${next.length};1H`;
}
