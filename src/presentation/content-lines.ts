// A file's bytes as the viewer's lines: numbered text, hex dump rows, wrapped rows. File content is as
// untrusted as a name, so every line goes through the one escaper (escape-name.ts) before display.
import { decodeName } from '../core/names.js';
import { escapeName } from './escape-name.js';

/** How much of a file's head decides text or binary (as git and less do: the first 8 KB). */
export const SNIFF_BYTES = 8192;

/** NUL anywhere, or more than 30 % of the head not text (controls other than \t \n \r \f \b ESC, or invalid UTF-8). */
export function looksBinary(head: Uint8Array): boolean {
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.length === 0) return false;
  if (sample.includes(0)) return true;
  // A multi-byte character cut at the sample's end is not evidence of binary.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back]!;
    if (b >= 0xc0) {
      end -= back;
      break;
    }
    if (b < 0x80) break;
  }
  const text = decodeName(sample.subarray(0, end));
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 8 && c !== 0x1b) || (c >= 0xdc80 && c <= 0xdcff)) odd++;
  }
  return odd * 10 > text.length * 3;
}

const TAB = 8;

/** Tabs expanded to the next multiple of 8 columns (a tab is harmless once it is spaces). */
function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

/** One line of a file (its bytes, the newline excluded or not) as safe display text. */
export function displayText(bytes: Uint8Array): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  return escapeName(expandTabs(decodeName(bytes.subarray(0, end))));
}

/** The line-number gutter: right-aligned number and a bar; blank for a line's continuation. */
export function gutter(lineNumber: number | undefined, width: number, bar = '│'): string {
  return `${lineNumber === undefined ? ''.padStart(width) : String(lineNumber).padStart(width)} ${bar} `;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/**
 * One row of a hex dump, as `hexdump -C` prints it: 8-digit offset, two groups of 8 bytes, the
 * printable ASCII between bars (everything else as '.').
 */
export function hexRow(offset: number, bytes: Uint8Array): string {
  let hex = '';
  let ascii = '';
  for (let i = 0; i < 16; i++) {
    if (i === 8) hex += ' ';
    if (i < bytes.length) {
      const b = bytes[i]!;
      hex += ` ${hex2(b)}`;
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    } else {
      hex += '   ';
    }
  }
  return `${offset.toString(16).padStart(8, '0')} ${hex}  |${ascii}|`;
}

/** Rows of `width` columns for one long display line (wrap on); at least one row. */
export function wrapRows(text: string, width: number): string[] {
  const chars = [...text];
  if (width <= 0 || chars.length <= width) return [text];
  const rows: string[] = [];
  for (let at = 0; at < chars.length; at += width) rows.push(chars.slice(at, at + width).join(''));
  return rows;
}
