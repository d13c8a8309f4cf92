// Names come from untrusted image bytes. Before any of them reaches a terminal, every character that
// could move the cursor, change colours, reorder text or is not valid text at all is replaced by a
// visible escape, so a file called "\x1b]0;pwned\x07" shows as exactly that.

// C0 and C1 controls, DEL, lone surrogates (names.ts maps undecodable bytes to U+DC80..U+DCFF),
// bidi overrides/isolates (Trojan Source), line/paragraph separators, BOM, and the backslash itself so
// that escapes stay unambiguous.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function escapeChar(code: number): string {
  if (code === 0x5c) return '\\\\';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${hex2(code)}`;
  // A byte that was not valid UTF-8, kept by names.ts as U+DC00+byte.
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${hex2(code - 0xdc00)}`;
  return `\\u{${code.toString(16)}}`;
}

/** A name safe to print: unchanged when harmless (the common case costs one regex test). */
export function escapeName(name: string): string {
  if (!UNSAFE.test(name)) return name;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    // A valid surrogate pair is an ordinary astral character (emoji…): keep it.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += name[i]! + name[i + 1]!;
        i++;
        continue;
      }
    }
    out += UNSAFE.test(name[i]!) ? escapeChar(code) : name[i]!;
  }
  return out;
}
