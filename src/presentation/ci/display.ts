// Small formatting helpers the CI reports share. Byte sizes follow go-humanize's Bytes(), which dive
// prints ("1.2 kB", "20 MB"), so our lines read like dive's. File names are untrusted: escape anything
// that is not printable text before it reaches a terminal, an XML file or a Markdown table.

const SI_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** go-humanize Bytes(): SI units, one decimal below 10, none above ("82 B", "1.5 kB", "15 MB"). */
export function humanBytes(bytes: number): string {
  if (bytes < 10) return `${Math.max(0, Math.trunc(bytes))} B`;
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), SI_UNITS.length - 1);
  const value = Math.floor((bytes / 1000 ** exponent) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : wholeHalfEven(value)} ${SI_UNITS[exponent]}`;
}

/** Go's %.0f rounds an exact half to even (998.5 → 998), toFixed rounds it up. */
function wholeHalfEven(value: number): string {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) > 1e-9) return value.toFixed(0);
  return String(floor % 2 === 0 ? floor : floor + 1);
}

/** A ratio as dive prints it: 0.953 → "95.3000 %". */
export function percentText(ratio: number): string {
  return `${(ratio * 100).toFixed(4)} %`;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/**
 * Printable form of an untrusted name: bytes that were not UTF-8 (kept as U+DC80+byte by names.ts)
 * and control characters become \xNN, other lone surrogates \u{NNNN}; backslash itself is doubled.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x5c) out += '\\\\';
    else if (c >= 0xdc80 && c <= 0xdcff) out += `\\x${hex2(c - 0xdc00)}`;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\x${hex2(c)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return out;
}

/** Image paths as dive shows them: absolute. */
export function absolutePath(path: string): string {
  return `/${path.replace(/^\/+/, '')}`;
}

/** A threshold or measure in the unit its rule speaks. */
export function ruleValueText(kind: 'ratio' | 'bytes' | 'count', value: number): string {
  if (kind === 'ratio') return percentText(value);
  if (kind === 'bytes') return `${value} bytes (${humanBytes(value)})`;
  return String(value);
}
