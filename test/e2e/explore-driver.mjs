// Runs the built explorer (dist/) on an in-memory image with hostile file names, for the tmux tests.
// SIGUSR2 throws an uncaught exception from a timer, to check the crash path restores the terminal.
import { runExplore } from '../../dist/cli/explore/run-explore.js';
import { PathTable } from '../../dist/core/path-table.js';

const paths = new PathTable();
const entry = (path, kind = 'file', size = 0, extra = {}) =>
  ({ path: paths.intern(path), kind, size, mode: kind === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, ...(kind === 'file' ? { hash: `${path}:${size}` } : {}), ...extra });
const many = Array.from({ length: 120 }, (_, i) => entry(`usr/share/doc/file-${String(i).padStart(3, '0')}.txt`, 'file', 100 + i));
const layers = [
  [entry('bin', 'dir'), entry('bin/sh', 'file', 90000), entry('bin/ls', 'symlink', 0, { linkTarget: 'sh' }), entry('etc/passwd', 'file', 500), ...many],
  [entry('etc/passwd', 'file', 700), entry('opt/app/server.js', 'file', 40000), entry('opt/app/evil\x1b[31mRED\x07name', 'file', 10),
    entry('opt/app/bad-\udcff-byte', 'file', 5)],
  [entry('usr/share/doc', 'whiteout'), entry('opt/app/server.js', 'file', 41000)],
].map((entries, index) => ({
  index, diffId: `sha256:${String(index).repeat(64)}`, sizeBytes: entries.reduce((s, e) => s + e.size, 0),
  command: ['/bin/sh -c #(nop) ADD file:base in /', '/bin/sh -c install app', '/bin/sh -c rm -rf /usr/share/doc'][index], entries,
}));
const image = {
  name: 'driver:test', tags: ['driver:test'], layers, paths, warnings: [],
  history: [{ createdBy: layers[0].command, layerIndex: 0 }, { createdBy: '/bin/sh -c #(nop)  ENV A=1' },
    { createdBy: layers[1].command, layerIndex: 1 }, { createdBy: layers[2].command, layerIndex: 2 }, { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' }],
};

process.on('SIGUSR2', () => setTimeout(() => { throw new Error('driver crash on purpose'); }, 0));
try {
  const code = await runExplore(async () => image, {
    color: !('NO_COLOR' in process.env), ascii: process.argv.includes('--ascii'), stdin: process.stdin, stdout: process.stdout,
    stderr: process.stderr, env: process.env, ...(process.env.KEYS_CONFIG ? { keyConfigPath: process.env.KEYS_CONFIG } : {}),
  });
  process.stderr.write(`explorer exited ${code}\n`);
  process.exitCode = code;
} catch (err) {
  process.stderr.write(`explorer failed: ${err.message}\n`);
  process.exitCode = 70;
}
