// What bin/layerscope.js runs (bundled into dist/bundle/entry.js). `--version` alone is answered here,
// before the command line's modules are loaded: it needs none of them (issue 14: start-up ≤ 1.2× `node -e 0`).
import type { CliIo } from './main.js';
import { VERSION } from './version.js';

export async function main(io: CliIo): Promise<number> {
  const args = io.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    io.stdout.write(`${VERSION}\n`); // what commander prints for the same flag
    return 0;
  }
  return (await import('./main.js')).main(io);
}
