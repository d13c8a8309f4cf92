// Case-insensitive search in a file's raw bytes (ASCII letters fold; other bytes match exactly), so the
// viewer's search never decodes lines it only passes over.

export const asciiLower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 32 : b);

/** `needle` (ASCII lower-cased) in `hay`, ASCII case-insensitively; native indexOf finds candidates. */
export function containsIgnoringAsciiCase(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  const firsts = first >= 0x61 && first <= 0x7a ? [first, first - 32] : [first];
  for (const lead of firsts) {
    for (let i = hay.indexOf(lead); i !== -1 && i + needle.length <= hay.length; i = hay.indexOf(lead, i + 1)) {
      let j = 1;
      while (j < needle.length && asciiLower(hay[i + j]!) === needle[j]) j++;
      if (j === needle.length) return true;
    }
  }
  return false;
}
