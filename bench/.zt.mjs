import { open } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { FileBlocks, indexArchive } from '../dist/io/archive/archive-index.js';
import { fileRange } from '../dist/io/file/file-range.js';
import { decompressorFor } from '../dist/io/archive/decompress.js';
import { pipeline, Readable } from 'node:stream';
const f = '.bench-cache/big.oci-zstd.tar';
const h = await open(f); const b = new FileBlocks(h, (await h.stat()).size);
const m = (await indexArchive(b)).sort((x, y) => y.size - x.size)[0];
for (let k = 0; k < 3; k++) {
  let t0 = performance.now(), n = 0;
  const src = pipeline(Readable.from(fileRange(h, m.offset, m.size), { highWaterMark: 2 }), decompressorFor('zstd'), () => {});
  for await (const c of src) n += c.length;
  console.log('node feeds zstd', n, (performance.now() - t0).toFixed(0));
  t0 = performance.now(); n = 0;
  const p = spawn('sh', ['-c', `tail -c +${m.offset + 1} "$0" | head -c ${m.size} | zstd -dcq`, f], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const c of p.stdout) n += c.length;
  console.log('tail|head|zstd', n, (performance.now() - t0).toFixed(0));
}
