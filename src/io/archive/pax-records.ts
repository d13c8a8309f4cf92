// PAX extended header records. tar-stream decodes them as UTF-8, which turns name bytes that are not
// UTF-8 into U+FFFD for good; `path` and `linkpath` are re-read here as latin1 (one char per byte), so
// every name reaches decodeLatin1Name (src/core/names.ts) as its original bytes.

type Records = Record<string, string>;

/** `path` and `linkpath` of a PAX header block, as latin1 strings of their bytes. */
export function paxNameRecords(buf: Buffer): Records {
  const out: Records = {};
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(buf.toString('latin1', at, space), 10);
    if (!(length > 0) || at + length > buf.length) break;
    const record = buf.subarray(space + 1, at + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) {
      const key = record.toString('latin1', 0, eq);
      if (key === 'path' || key === 'linkpath') out[key] = record.toString('latin1', eq + 1);
    }
    at += length;
  }
  return out;
}

/** Every record as tar-stream 3's decodePax reads it (UTF-8, same stopping rules). */
function utf8Records(buf: Buffer): Records {
  const result: Records = {};
  let rest = buf;
  while (rest.length) {
    let i = 0;
    while (i < rest.length && rest[i] !== 32) i++;
    const length = parseInt(rest.toString('utf8', 0, i), 10);
    if (!length) return result;
    const record = rest.subarray(i + 1, length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq === -1) return result;
    result[record.slice(0, eq)] = record.slice(eq + 1);
    rest = rest.subarray(length);
  }
  return result;
}

/** All records of a PAX header, names byte-exact (what tar-extract.ts makes tar-stream hand out). */
export const paxRecords = (buf: Buffer): Records => Object.assign(utf8Records(buf), paxNameRecords(buf));
