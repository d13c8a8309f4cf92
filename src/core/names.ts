// File names from an image are untrusted bytes. We keep them intact in the data: valid UTF-8 decodes
// normally, every byte that is not part of valid UTF-8 becomes a lone surrogate U+DC80+byte (Python's
// "surrogateescape"), so nothing is lost and the original bytes can be recovered. Display code escapes
// them (and control characters) before they reach a terminal.

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes of a name → string without loss (see above). */
export function decodeName(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    return decodeSlow(bytes);
  }
}

/** A string whose chars are bytes (latin1, as tar parsers hand them out with that encoding) → decodeName. */
export function decodeLatin1Name(binary: string): string {
  let ascii = true;
  for (let i = 0; i < binary.length; i++)
    if (binary.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  if (ascii) return binary;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return decodeName(bytes);
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function decodeSlow(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const n = sequenceLength(b);
    if (n > 0 && i + n <= bytes.length) {
      try {
        out += decoder.decode(bytes.subarray(i, i + n));
        i += n;
        continue;
      } catch {
        /* fall through: escape the lead byte */
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** Original bytes of a name made by decodeName. */
export function encodeName(name: string): Uint8Array {
  const parts: number[] = [];
  const enc = new TextEncoder();
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xdc80 && c <= 0xdcff) parts.push(c - 0xdc00);
    else parts.push(...enc.encode(ch));
  }
  return Uint8Array.from(parts);
}

export interface NormalisedName {
  /** 'a/b/c': no leading './' or '/', no '.', '..' or empty components, no trailing '/'. */
  readonly path: string;
  /** True when '..' tried to climb above the root (clamped there, as the path is relative to it). */
  readonly escaped: boolean;
}

/**
 * Length of `raw` without one trailing '/' when that is all there is to clean (no leading '/', no empty,
 * '.' or '..' component), else -1. Nearly every name in a layer is like that: no split, no join.
 */
function cleanLength(raw: string): number {
  let end = raw.length;
  if (end > 1 && raw.charCodeAt(end - 1) === 0x2f) end--;
  let start = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && raw.charCodeAt(i) !== 0x2f) continue;
    const length = i - start;
    if (length === 0) return -1;
    if (length <= 2 && raw.charCodeAt(start) === 0x2e && (length === 1 || raw.charCodeAt(start + 1) === 0x2e)) return -1;
    start = i + 1;
  }
  return end;
}

/** Lexically clean a tar entry name relative to the image root. */
export function normaliseName(raw: string): NormalisedName {
  // A layer tarred from inside a directory (`tar -C root .`: docker import, debootstrap and rootfs
  // tarballs) names every entry './…': the rest of the name is usually clean as it is.
  const body = raw.charCodeAt(0) === 0x2e && raw.charCodeAt(1) === 0x2f ? raw.slice(2) : raw;
  const clean = cleanLength(body);
  if (clean >= 0) return { path: clean === body.length ? body : body.slice(0, clean), escaped: false };
  const out: string[] = [];
  let escaped = false;
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) escaped = true;
      else out.pop();
      continue;
    }
    out.push(part);
  }
  return { path: out.join('/'), escaped };
}
