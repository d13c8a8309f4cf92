// Byte counts the way dive prints them (SI units, like Go's humanize.Bytes), so numbers read the same
// in both tools: 999 B, 1.2 kB, 45 MB.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // One decimal under ten, none above: "1.2 MB", "45 MB". Rounding 9.96 up gives "10 MB", not "10.0 MB".
  const text = value < 9.95 ? value.toFixed(1) : value.toFixed(0);
  return `${text} ${UNITS[unit]}`;
}

/** 0.9512 → "95.12 %" */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '?';
  return `${(ratio * 100).toFixed(2)} %`;
}
