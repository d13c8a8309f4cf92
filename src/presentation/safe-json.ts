// JSON for terminals and logs. JSON.stringify already writes C0 controls and lone surrogates as \u
// escapes, but it writes DEL, C1 controls (U+009B is a CSI to many terminals), bidi overrides and line
// separators raw: `--json -` or a CI log would then carry them to the terminal. Every character the
// one escaper (escape-name.ts) would escape is written as a JSON \u escape instead, so the document
// parses to exactly the same values and its bytes hold nothing a terminal acts on.
import { escapeName } from './escape-name.js';

const hex4 = (code: number): string => code.toString(16).padStart(4, '0');

/** `\uXXXX` (a pair of them above U+FFFF) for a character escapeName would escape, else the character. */
function jsonSafeChar(char: string): string {
  if (escapeName(char) === char) return char;
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${hex4(char.charCodeAt(i))}`;
  return out;
}

/**
 * JSON.stringify with every terminal-unsafe character \u-escaped. Only non-ASCII characters need a
 * look (C0 controls never appear raw in JSON.stringify's output except the newlines of indentation),
 * so ASCII-only documents, the usual case, are only scanned.
 */
export function stringifySafeJson(value: unknown, indent?: number): string {
  return safeJsonText(JSON.stringify(value, null, indent));
}

/** JSON text (or a piece of it cut between values) with every terminal-unsafe character \u-escaped. */
export const safeJsonText = (text: string): string => text.replace(/[^\n\x20-\x7e]/gu, jsonSafeChar);
