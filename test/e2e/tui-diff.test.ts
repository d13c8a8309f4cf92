// `layerscope diff a.tar b.tar` through the built CLI in a real 140x24 terminal (tmux), on two archives
// the test writes: the explorer opens on the comparison, keys move and fold, Enter on the modified file
// shows the unified diff of its two versions, q exits 0; --no-ui on the same terminal prints the report.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip(
    'the built CLI (npm run build; npm test does)',
    existsSync('dist/cli/main.js') && existsSync('dist/cli/diff/explore-diff.js'),
  );

const CLI = resolve('bin/layerscope.js');
const base: LayerSpec = {
  command: 'COPY rootfs /',
  entries: [
    { path: 'etc', type: 'dir' },
    { path: 'etc/os', content: 'o'.repeat(100) },
  ],
};
const app = (config: string, extra: LayerSpec['entries']): LayerSpec => ({
  command: 'COPY app /app',
  entries: [{ path: 'app', type: 'dir' }, { path: 'app/config.txt', content: config }, ...(extra ?? [])],
});

let dir = '';
beforeAll(() => {
  if (!run) return;
  dir = mkdtempSync(join(tmpdir(), 'ls-e2e-diff-'));
  const a = app('name=app\nport=80\nmode=old\nend\n', [{ path: 'app/gone.txt', content: 'bye\n' }]);
  const b = app('name=app\nport=8080\nmode=new\nend\n', [{ path: 'app/new.txt', content: 'hello new\n' }]);
  writeFileSync(join(dir, 'a.tar'), writeImageArchive({ repoTags: ['app:1'], layers: [base, a] }, 'docker-legacy'));
  writeFileSync(join(dir, 'b.tar'), writeImageArchive({ repoTags: ['app:2'], layers: [base, b] }, 'docker-oci'));
});
let t: TmuxTerminal | undefined;
afterAll(() => {
  t?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The tree pane's text (right of the first │) of every screen row. */
const tree = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');

describe.skipIf(!run)('diff explorer in a real terminal (tmux, built CLI)', () => {
  test('opens on the changes; j, Space, Enter on the modified file shows the diff; q exits 0', async () => {
    t = new TmuxTerminal(140, 24, { NO_COLOR: '1', XDG_CACHE_HOME: join(dir, 'cache') });
    t.run(`clear; node ${CLI} diff ${dir}/a.tar ${dir}/b.tar; echo EXIT1=$?`);
    let s = await t.waitFor((x) => x.includes('Changes A → B'), 'the diff explorer');
    expect(s).toContain('A: app:1');
    expect(s).toContain('histories part after layer 1');
    expect(tree(s)).toMatch(/~ -rw-r--r-- +0:0 +\+2 B +├── config\.txt \(content 30 B → 32 B\)/);
    expect(tree(s)).toMatch(/- -rw-r--r-- +0:0 +-4 B +├── gone\.txt/);
    expect(tree(s)).toMatch(/\+ -rw-r--r-- +0:0 +\+10 B +└── new\.txt/);
    t.keys('Tab');
    await t.waitFor((x) => x.includes('▶ Changes'), 'the tree focused');
    t.keys('Space');
    s = await t.waitFor((x) => x.includes('└─⊕ app'), 'app folded');
    expect(tree(s)).not.toContain('config.txt');
    t.keys('Space', 'j');
    await t.waitFor((x) => /^>~.*config\.txt/m.test(tree(x)), 'the cursor on config.txt');
    t.keys('Enter');
    s = await t.waitFor((x) => x.includes('+port=8080'), 'the unified diff');
    expect(s.split('\n').slice(0, 10).join('\n')).toMatch(
      /Diff: \/app\/config\.txt · diff[^\n]*\n--- A \/app\/config\.txt\n\+\+\+ B \/app\/config\.txt\n@@ -1,4 \+1,4 @@\n name=app\n-port=80\n-mode=old\n\+port=8080\n\+mode=new\n end/,
    );
    t.keys('Escape');
    await t.waitFor((x) => x.includes('▶ Changes'), 'back in the tree');
    t.keys('q');
    s = await t.waitFor((x) => /EXIT1=\d/.test(x), 'exit');
    expect(s).toContain('EXIT1=0');

    t.run(`clear; node ${CLI} diff --no-ui ${dir}/a.tar ${dir}/b.tar; echo EXIT2=$?`);
    s = await t.waitFor((x) => /EXIT2=\d/.test(x), 'the report');
    expect(s).toContain('Files: 1 added, 1 removed, 1 modified (+8 B)');
    expect(s).toContain('EXIT2=0');
  });

  test("the layer cache's hashes wait for the first frame, then fill the cache while the diff explorer is up", async () => {
    const cache = join(dir, 'deferred-cache');
    const u = new TmuxTerminal(140, 24, { NO_COLOR: '1', XDG_CACHE_HOME: cache });
    try {
      u.run(`clear; node ${CLI} diff --debug ${dir}/a.tar ${dir}/b.tar; echo EXIT3=$?`);
      await u.waitFor((x) => x.includes('Changes A → B'), 'the diff explorer');
      // Three layers (the shared base once), hashed again from the archives after the first frame.
      const entries = join(cache, 'layerscope', 'entries', 'sha256');
      for (const deadline = Date.now() + 15_000; (existsSync(entries) ? readdirSync(entries).length : 0) < 3;) {
        if (Date.now() > deadline) throw new Error(`no cache entries in ${entries} after 15 s`);
        await new Promise((done) => setTimeout(done, 40));
      }
      u.keys('q');
      const s = await u.waitFor((x) => /EXIT3=\d/.test(x), 'exit');
      expect(s).toContain('EXIT3=0');
      expect(s).toContain('layer cache: 3 of 3 layers kept after the first frame');
    } finally {
      u.kill();
    }
  });
});
