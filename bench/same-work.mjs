// The "same work" baseline for archives.bench.mjs: what standard C tools need to read an archive's layers
// the way layerscope must: take the layer members out of the archive, decompress them, and walk every tar
// header. `cat FILE` only reads bytes; this is the floor for anything that has to look inside.
import { open } from 'node:fs/promises';
import { FileBlocks, indexArchive } from '../dist/io/archive/archive-index.js';
import { sniff } from '../dist/io/archive/sniff.js';

const DECOMPRESS = { tar: '', gzip: ' | gzip -dc', zstd: ' | zstd -dcq' };

/** A shell pipeline for `file`: `tar -xOf FILE layers… | gzip -dc | tar -ti` (-i: the layers are concatenated tars). */
export async function sameWorkCommand(file) {
  const handle = await open(file, 'r');
  try {
    const blocks = new FileBlocks(handle, (await handle.stat()).size);
    const layers = [];
    for (const m of await indexArchive(blocks)) {
      if (m.type !== 'file' || m.size === 0) continue;
      const kind = sniff(await blocks.at(m.offset, Math.min(512, m.size)));
      if (kind in DECOMPRESS) layers.push({ name: m.name, kind });
    }
    const kinds = new Set(layers.map((l) => l.kind));
    if (kinds.size !== 1) return undefined;
    const names = layers.map((l) => `'${l.name}'`).join(' ');
    return `tar -xOf '${file}' ${names}${DECOMPRESS[[...kinds][0]]} | tar -ti > /dev/null`;
  } finally {
    await handle.close();
  }
}
