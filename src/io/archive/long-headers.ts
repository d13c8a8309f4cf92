// What GNU long-name and PAX headers say about the entry after them, as Go's archive/tar applies it
// (reader.go `next` and `mergePAX`): the PAX records of the last 'x' header (empty values keep the header's
// own), then GNU L/K names over those. `size`, `uid`, `gid` and the times must be plain decimal numbers
// or the header is invalid. Global ('g') headers are checked and otherwise ignored: Go hands them out as
// entries of their own and Docker and containerd skip them. One rule for every reader of tar headers
// (layer-tar.ts, tar-members.ts, archive-index.ts).
import { invalidHeader } from './tar-errors.js';
import { parseDecimal, paxRecords, type PaxRecords } from './pax-records.js';
import { settleLegacyType, type TarHeader } from './tar-header.js';

/** latin1 text up to the first NUL (GNU long names). */
function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.toString('latin1', 0, nul < 0 ? buf.length : nul);
}

const TIME_KEYS = new Set(['atime', 'mtime', 'ctime']);

function number(key: string, value: string): number {
  const n = parseDecimal(value);
  if (n === undefined) throw invalidHeader(`PAX ${key} is not a decimal integer`);
  return n;
}

/** Go's parsePAXTime: decimal seconds, optionally '.' and digits. */
function checkTime(key: string, value: string): void {
  const dot = value.indexOf('.');
  number(key, dot < 0 ? value : value.slice(0, dot));
  if (dot >= 0 && !/^[0-9]*$/.test(value.slice(dot + 1))) throw invalidHeader(`PAX ${key} is not a time`);
}

export class LongHeaders {
  private gnuPath: string | null = null;
  private gnuLinkPath: string | null = null;
  private pax: PaxRecords | null = null;

  /** Takes in the data of a long header of `type` (gnu-long-path, gnu-long-link-path, pax-header, pax-global-header). */
  read(type: TarHeader['type'], buf: Buffer): void {
    if (type === 'gnu-long-path') this.gnuPath = cString(buf);
    else if (type === 'gnu-long-link-path') this.gnuLinkPath = cString(buf);
    else if (type === 'pax-global-header') paxRecords(buf);
    else this.pax = paxRecords(buf);
  }

  /** Rewrites the next entry's header with what the long headers before it said, and forgets them. */
  apply(header: TarHeader): void {
    const pax = this.pax;
    this.pax = null;
    for (const [key, value] of pax ?? []) {
      if (value === '') continue;
      if (key === 'path') header.name = value;
      else if (key === 'linkpath') header.linkname = value;
      else if (key === 'size') header.size = number(key, value);
      else if (key === 'uid') header.uid = number(key, value);
      else if (key === 'gid') header.gid = number(key, value);
      else if (TIME_KEYS.has(key)) checkTime(key, value);
    }
    if (this.gnuPath) header.name = this.gnuPath;
    if (this.gnuLinkPath) header.linkname = this.gnuLinkPath;
    this.gnuPath = this.gnuLinkPath = null;
    settleLegacyType(header);
  }
}
