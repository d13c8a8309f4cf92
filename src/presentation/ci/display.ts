// Small formatting helpers the CI reports share; byte sizes come from ../format-bytes.ts, as dive prints
// them. File names are untrusted: escape anything that is not printable text before it reaches a
// terminal, an XML file or a Markdown table.
import { formatBytes } from '../format-bytes.js';

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
  if (kind === 'bytes') return `${value} bytes (${formatBytes(value)})`;
  return String(value);
}
