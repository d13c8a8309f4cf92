// What GNU long-name and PAX headers say about the entry after them, as tar-stream 3 applies it: a GNU L/K
// name, then PAX `path`, `linkpath` and `size` over it; global PAX records under an entry's own PAX header.
// One rule for both readers of tar headers (layer-tar.ts for layers, archive-index.ts for archive files).
import { paxRecords } from './pax-records.js';
import type { TarHeader } from './tar-header.js';

type Records = Record<string, string>;

/** latin1 text up to the first NUL (GNU long names). */
function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.toString('latin1', 0, nul < 0 ? buf.length : nul);
}

export class LongHeaders {
  private gnuPath: string | null = null;
  private gnuLinkPath: string | null = null;
  private pax: Records | null = null;
  private paxGlobal: Records | null = null;

  /** Takes in the data of a long header of `type` (gnu-long-path, gnu-long-link-path, pax-header, pax-global-header). */
  read(type: TarHeader['type'], buf: Buffer): void {
    if (type === 'gnu-long-path') this.gnuPath = cString(buf);
    else if (type === 'gnu-long-link-path') this.gnuLinkPath = cString(buf);
    else if (type === 'pax-global-header') this.paxGlobal = paxRecords(buf);
    else this.pax = this.paxGlobal === null ? paxRecords(buf) : { ...this.paxGlobal, ...paxRecords(buf) };
  }

  /** Rewrites the next entry's header with what the long headers before it said, and forgets them. */
  apply(header: TarHeader): void {
    if (this.gnuPath) header.name = this.gnuPath;
    if (this.gnuLinkPath) header.linkname = this.gnuLinkPath;
    this.gnuPath = this.gnuLinkPath = null;
    const pax = this.pax;
    if (pax === null) return;
    this.pax = null;
    if (pax.path) header.name = pax.path;
    if (pax.linkpath) header.linkname = pax.linkpath;
    if (pax.size) header.size = parseInt(pax.size, 10);
  }
}
