// tar-stream with names kept byte-exact. Header names and GNU L/K long names are decoded as latin1 (one
// char per byte) when asked; PAX `path`/`linkpath` records are always decoded as UTF-8, which turns bytes
// that are not UTF-8 into U+FFFD for good. We re-read those two records from the raw PAX bytes as latin1,
// so every name reaches decodeLatin1Name (src/core/names.ts) as its original bytes.
import tar from 'tar-stream';
import { paxNameRecords } from './pax-records.js';

type Records = Record<string, string>;
interface ExtractInternals {
  _header: { type: string } | null;
  _pax: Records | null;
  _paxGlobal: Records | null;
  _decodeLongHeader?: (buf: Buffer) => void;
}

export function tarExtract(): tar.Extract {
  // filenameEncoding is a real option of tar-stream 3 that its typings leave out. highWaterMark (streamx's
  // default is 16 KiB): with a socket's 64 KiB chunks every write waited for a drain; 1 MiB lets the feeder
  // run a few chunks ahead of the entry being read, and bounds what is held.
  const extract = tar.extract({ filenameEncoding: 'latin1', highWaterMark: 1 << 20 } as Parameters<typeof tar.extract>[0]);
  const internals = extract as unknown as ExtractInternals;
  const original = internals._decodeLongHeader;
  if (typeof original === 'function') {
    internals._decodeLongHeader = function patched(this: ExtractInternals, buf: Buffer): void {
      original.call(this, buf);
      const type = this._header?.type;
      const target = type === 'pax-header' ? this._pax : type === 'pax-global-header' ? this._paxGlobal : null;
      if (target) Object.assign(target, paxNameRecords(buf));
    };
  }
  return extract;
}
