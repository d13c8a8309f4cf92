// Bars to look at instead of numbers to read: a layer's size against the largest layer, and the image
// split into bytes kept and bytes wasted by cause. Plain block characters (eighths for a smooth edge),
// or ASCII with --ascii; no colour is needed to read them.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** `value` against `max` in `width` cells; any non-zero value shows at least a sliver. */
export function sizeBar(value: number, max: number, width: number, ascii: boolean): string {
  if (width <= 0) return '';
  if (!(max > 0) || !(value > 0)) return ' '.repeat(width);
  const ratio = Math.min(1, value / max);
  if (ascii) {
    const cells = Math.max(1, Math.round(ratio * width));
    return '#'.repeat(cells).padEnd(width);
  }
  const eighths = Math.max(1, Math.round(ratio * width * 8));
  const full = Math.floor(eighths / 8);
  return ('█'.repeat(full) + EIGHTHS[eighths % 8]!).padEnd(width);
}

/** The glyph of each part of the image bar: kept, overwritten, deleted, opaque-hidden. */
export const SPLIT_GLYPHS = { unicode: ['█', '▓', '▒', '░'], ascii: ['#', '=', '-', '.'] } as const;

/**
 * `parts` side by side in `width` cells, each the share of its bytes (largest remainder), and every
 * non-zero part at least one cell, so a small waste still shows.
 */
export function splitBar(parts: readonly number[], width: number, glyphs: readonly string[]): string {
  const total = parts.reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0) || width <= 0) return ' '.repeat(Math.max(0, width));
  const exact = parts.map((p) => (Math.max(0, p) / total) * width);
  const cells = exact.map((x, i) => (parts[i]! > 0 ? Math.max(1, Math.floor(x)) : 0));
  let left = width - cells.reduce((a, b) => a + b, 0);
  // Hand out what is left by largest remainder; take back from the largest part when minimums overshot.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order)
    if (left > 0 && parts[i]! > 0) {
      cells[i]!++;
      left--;
    }
  while (left < 0) {
    const biggest = cells.indexOf(Math.max(...cells));
    cells[biggest]!--;
    left++;
  }
  return cells.map((n, i) => glyphs[i]!.repeat(n)).join('');
}
