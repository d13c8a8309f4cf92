// Byte counts the way dive prints them (SI units, like Go's humanize.Bytes), so numbers read the same
// in both tools: 999 B, 1.2 kB, 45 MB.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** go-humanize Bytes(): SI units, one decimal below 10, none above ("82 B", "1.5 kB", "15 MB"); '?' for nonsense. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 10) return `${Math.trunc(bytes)} B`;
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), UNITS.length - 1);
  const value = Math.floor((bytes / 1000 ** exponent) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : wholeHalfEven(value)} ${UNITS[exponent]}`;
}

/** Go's %.0f rounds an exact half to even (998.5 → 998), toFixed rounds it up. */
function wholeHalfEven(value: number): string {
  const floor = Math.floor(value);
  if (Math.abs(value - floor - 0.5) > 1e-9) return value.toFixed(0);
  return String(floor % 2 === 0 ? floor : floor + 1);
}

/** 0.9512 → "95.12 %" */
export function formatPercent(ratio: number): string {
  if (ratio === Infinity) return '+Inf %'; // userWastedPercent of layers that add no bytes but waste some, as dive says it
  if (!Number.isFinite(ratio)) return '?';
  return `${(ratio * 100).toFixed(2)} %`;
}
