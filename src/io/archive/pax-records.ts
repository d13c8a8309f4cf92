// PAX extended header records, read by Go archive/tar's rules (parsePAX, parsePAXRecord, validPAXRecord):
// every record is "<length> <key>=<value>\n" with a decimal length of at least 5 that fits the header;
// anything else — a record without its newline, without '=', a NUL in a name, trailing padding — makes
// the whole header invalid. Keys and values are latin1 (one char per byte), so a name reaches
// decodeLatin1Name (src/core/names.ts) as its original bytes.
import { invalidHeader } from './tar-errors.js';

export type PaxRecords = Map<string, string>;

const NAME_KEYS = new Set(['path', 'linkpath', 'uname', 'gname']);
const DECIMAL = /^[+-]?[0-9]+$/;

/** Go's strconv.ParseInt(text, 10, 64): an optional sign and decimal digits, within 64 bits. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? Number(value) : undefined;
}

/** The records of one PAX header's data. Throws an invalid-header TarFormatError on any malformed record. */
export function paxRecords(buf: Buffer): PaxRecords {
  const records: PaxRecords = new Map();
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    if (space < 0) throw invalidHeader('PAX record without a length');
    const length = parseDecimal(buf.toString('latin1', at, space));
    if (length === undefined || length < 5 || length > buf.length - at || length <= space + 1 - at) {
      throw invalidHeader('PAX record length is wrong');
    }
    const end = at + length;
    if (buf[end - 1] !== 0x0a) throw invalidHeader('PAX record does not end in a newline');
    const record = buf.toString('latin1', space + 1, end - 1);
    const eq = record.indexOf('=');
    if (eq < 0) throw invalidHeader('PAX record without =');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === '' || (NAME_KEYS.has(key) ? value.includes('\0') : key.includes('\0'))) throw invalidHeader('PAX record with a NUL');
    records.set(key, value);
    at = end;
  }
  return records;
}
