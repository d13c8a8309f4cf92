// The built CLI (bin/layerscope.js) in a real 80x24 terminal (tmux), on archives the tests write:
// navigate, filter, switch layers and view mode, resize, quit by every route, keys sent in one write,
// and check the terminal comes back (alternate screen left, prior output restored).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { HOSTILE_NAME, writeE2eArchive } from './e2e-archive.js';
import { pasteAll, typeSlowly } from './key-sequence.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip(
    'the built CLI (npm run build; npm test does)',
    existsSync('dist/cli/main.js') && existsSync('dist/cli/explore/run-explore.js'),
  );
let archive = '';
beforeAll(() => {
  if (run) archive = writeE2eArchive();
});
const terminals: TmuxTerminal[] = [];
const open = (columns = 80, rows = 24, env: Record<string, string> = {}): TmuxTerminal => {
  const t = new TmuxTerminal(columns, rows, env);
  terminals.push(t);
  return t;
};
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

const explorerUp = (s: string) => /Layers 1\/\d+/.test(s);
const restored = async (t: TmuxTerminal, code: number) => {
  const screen = await t.waitFor((s) => s.includes(`EXIT=${code}`), `exit code ${code}`);
  expect(screen).toContain('BEFORE-MARK'); // what was on screen before is back
  expect(screen).not.toMatch(/Layers \d+\/\d+/);
  expect(t.pane('alternate_on')).toBe('0');
  expect(t.pane('cursor_flag')).toBe('1');
};
const start = (t: TmuxTerminal, command = 'node bin/layerscope.js demo') => {
  t.run(`clear; echo BEFORE-MARK; ${command}; echo EXIT=$?`);
  return t.waitFor(explorerUp, 'the explorer');
};

describe.skipIf(!run)('explorer in a real terminal (tmux, built CLI)', () => {
  test('navigate, switch layers and view mode, filter, resize, quit with q', async () => {
    const t = open();
    let s = await start(t);
    expect(t.pane('alternate_on')).toBe('1');
    expect(s.split('\n').length).toBeGreaterThanOrEqual(24);
    expect(s).toContain('Efficiency:');
    expect(s).toContain('q Quit');
    t.keys('j');
    s = await t.waitFor((x) => /Layers 2\/\d+/.test(x), 'layer 2 selected');
    expect(s).toContain('Layer 2 of');
    t.keys('C-a');
    s = await t.waitFor((x) => x.includes('Aggregated contents'), 'aggregated view');
    t.keys('C-l');
    await t.waitFor((x) => x.includes('Layer contents') && !x.includes('(aggregated)'), 'this-layer view');
    t.keys('g', 'Tab');
    await t.waitFor((x) => x.includes('▶ Layer contents') && /Layers 1\//.test(x), 'tree focused on layer 1');
    t.keys('/');
    await t.waitFor((x) => x.includes('Filter: _'), 'filter line');
    t.type('busybox');
    s = await t.waitFor((x) => x.includes('Filter: busybox_'), 'filter typed');
    expect(s).toMatch(/busybox/);
    expect(s).not.toContain('├── etc');
    t.keys('Enter');
    await t.waitFor((x) => x.includes('Filter: busybox') && !x.includes('busybox_'), 'filter kept');
    t.keys('Escape');
    await t.waitFor((x) => !x.includes('Filter:'), 'filter cleared');
    t.keys('C-b');
    await t.waitFor((x) => !x.includes('Permission'), 'attributes hidden');
    t.keys('C-b');
    await t.waitFor((x) => x.includes('Permission'), 'attributes shown');
    t.resize(60, 20);
    s = await t.waitFor((x) => !x.includes('Permission') && x.includes('Layer contents'), 'compact layout at 60x20');
    expect(s.split('\n').every((line) => line.length <= 60)).toBe(true);
    t.resize(80, 24);
    await t.waitFor((x) => x.includes('Permission'), 'full layout again at 80x24');
    t.keys('?');
    await t.waitFor((x) => x.includes('Keys (? or Esc to close)') && x.includes('lines 1-21 of 44'), 'help overlay, its first page');
    t.keys('G');
    await t.waitFor((x) => x.includes('lines 24-44 of 44') && x.includes('config.yaml'), 'help overlay scrolled to its end');
    t.keys('Escape');
    await t.waitFor((x) => x.includes('Layer contents'), 'help closed');
    t.keys('q');
    await restored(t, 0);
  });

  test('Ctrl+C quits and restores the terminal, scrollback included', async () => {
    const t = open();
    t.run('seq 1 100');
    // The output's last line, alone on its line: the typed command line 'seq 1 100' must not count.
    await t.waitFor((s) => /^100$/m.test(s), 'some history');
    const history = Number(t.pane('history_size'));
    expect(history).toBeGreaterThan(50);
    t.run(`echo BEFORE-MARK; node bin/layerscope.js demo; echo EXIT=$?`);
    await t.waitFor(explorerUp, 'the explorer');
    t.keys('j');
    await t.waitFor((s) => /Layers 2\//.test(s), 'a redraw');
    t.keys('C-c');
    await restored(t, 0);
    expect(Number(t.pane('history_size'))).toBeGreaterThanOrEqual(history);
  });

  test("the layer cache's hashes wait for the first frame, then fill the cache while the explorer is up", async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'ls-e2e-cache-'));
    try {
      const t = open(80, 24, { XDG_CACHE_HOME: cacheHome });
      await start(t, `node bin/layerscope.js --debug ${archive}`);
      // The three layers kept, hashed again from the archive after the first frame (polled, with a deadline).
      const entries = join(cacheHome, 'layerscope', 'entries', 'sha256');
      for (const deadline = Date.now() + 15_000; (existsSync(entries) ? readdirSync(entries).length : 0) < 3;) {
        if (Date.now() > deadline) throw new Error(`no cache entries in ${entries} after 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      t.keys('q');
      const s = await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
      expect(s).toContain('layer cache: 3 of 3 layers kept after the first frame');
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  test('--debug on a terminal: the layer cache line stands on its own line once the progress line is gone', async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'ls-e2e-cache-'));
    try {
      const t = open(100, 24, { XDG_CACHE_HOME: cacheHome });
      t.run(`clear; node bin/layerscope.js --debug --json /dev/null ${archive}; echo EXIT=$?`);
      const s = await t.waitFor((x) => /EXIT=\d/.test(x), 'the exit code');
      expect(s).toMatch(/^layerscope: debug: layer cache: 3 layers parsed, 0 from the cache$/m);
      expect(s).toContain('EXIT=0');
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  test('an archive asked for on standard input while it is the terminal: refused at once, exit 2', async () => {
    const t = open();
    t.run('clear; node bin/layerscope.js --json - -; echo EXIT=$?');
    const s = await t.waitFor((x) => /EXIT=\d/.test(x), 'the exit code');
    expect(s).toContain('layerscope: standard input is a terminal, not an image archive');
    expect(s).toContain('EXIT=2');
  });

  test('SIGTERM and SIGHUP restore the terminal and exit 128+signal', async () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const t = open();
      await start(t);
      const [pid] = t.children();
      expect(pid).toBeGreaterThan(0);
      process.kill(pid!, signal);
      await restored(t, code);
    }
  });

  test('a crash restores the terminal, then the error is reported', async () => {
    const t = open();
    // The preload only adds a way to crash the running CLI from outside (SIGUSR2).
    await start(t, `node --import ./test/e2e/crash-on-sigusr2.mjs bin/layerscope.js ${archive}`);
    const [pid] = t.children();
    process.kill(pid!, 'SIGUSR2');
    const s = await t.waitFor((x) => x.includes('EXIT=2'), 'the CLI to report the crash');
    expect(s).toContain('layerscope: internal error: crash on purpose (test/e2e/crash-on-sigusr2.mjs)');
    await restored(t, 2);
  });

  test('hostile file names are escaped on screen; the terminal is not re-coloured or retitled', async () => {
    const t = open(100, 30);
    await start(t, `node bin/layerscope.js ${archive}`);
    t.keys('j', 'Tab', 'C-b', '/');
    t.type('opt');
    const s = await t.waitFor((x) => x.includes('evil\\x1b[31mRED\\x07name'), 'escaped name');
    expect(HOSTILE_NAME).toContain('\x1b[31m');
    expect(s).toContain('bad-\\xff-byte');
    expect(t.screen(true)).not.toContain('\x1b[31mRED'); // the name's own escape never reached the terminal
    t.keys('Enter', 'q');
    await restored(t, 0);
  });

  test('keys sent in one write end on the same screen as the same keys typed slowly', async () => {
    const command = `NO_COLOR=1 node bin/layerscope.js ${archive}`;
    const slow = open();
    await start(slow, command);
    const typed = await typeSlowly(slow);
    const done = (x: string) => x.includes('[by size]') && x.includes('Filter: opt') && /Quit/.test(x.trimEnd().split('\n').at(-1)!);
    const want = await slow.waitFor(done, 'the last key typed slowly');
    expect(typed).toContain('[by size]');
    const fast = open();
    await start(fast, command);
    pasteAll(fast);
    await fast.waitFor((x) => x === want, `the screen typed slowly:\n${want}`);
  });

  test('with the filter line open, text, Down and q in one write: the text is typed, Down ends typing, q quits', async () => {
    const t = open();
    await start(t, `node bin/layerscope.js ${archive}`);
    t.keys('/');
    await t.waitFor((x) => x.includes('Filter: _'), 'the filter line');
    t.paste('opt\x1b[Bq');
    await restored(t, 0);
  });

  test('NO_COLOR: no colours, +/~/- markers instead; non-UTF-8 locale: ASCII guides', async () => {
    const t = open(80, 24, { NO_COLOR: '1', LANG: 'C' });
    const s = await start(t);
    const raw = t.screen(true);
    // eslint-disable-next-line no-control-regex
    expect(raw).not.toMatch(/\x1b\[(3[0-7]|9[0-7]|38;)/); // no foreground colours at all
    expect(s).toMatch(/>?\+ .*\|-- /);
    expect(s).not.toMatch(/[├└│]/);
    t.keys('q');
    await restored(t, 0);
  });

  // CI=true makes the CLI gate like dive; --no-ci opens the explorer, which must still draw (Ink would not).
  test('with CI set in the environment and --no-ci the explorer draws', async () => {
    const t = open();
    await start(t, `CI=1 node bin/layerscope.js --no-ci ${archive}`);
    t.keys('q');
    await restored(t, 0);
  });

  test('a whiteout that deletes nothing: one error line and exit 2; with --lenient the explorer opens and the warning is left after quitting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-e2e-'));
    const archive = join(dir, 'dangling.tar');
    writeFileSync(
      archive,
      writeImageArchive(
        {
          layers: [
            { command: 'ADD base', entries: [{ path: 'etc/os', size: 10 }] },
            { command: 'RUN rm /ghost', entries: [{ path: 'ghost', type: 'whiteout' }] },
          ],
        },
        'docker-legacy',
      ),
    );
    const t = open();
    t.run(`clear; node bin/layerscope.js ${archive}; echo EXIT=$?`);
    const refused = await t.waitFor((x) => /EXIT=\d/.test(x), 'the CLI to exit');
    expect(refused).toContain("dangling whiteout: layer 2 deletes '/ghost'"); // the second layer, numbered from 1
    expect(refused).toContain('EXIT=2');
    await start(t, `node bin/layerscope.js --lenient ${archive}`);
    t.keys('q');
    await restored(t, 0);
    // printed after the explorer is gone, so it stays on the restored screen (joined: tmux wraps at 80)
    expect(t.screen().replace(/\n/g, '')).toMatch(/layerscope: warning: dangling whiteout: layer 2 deletes '\/ghost'.*EXIT=0/);
  });

  test('a bad key config is one error line and exit 2, before any screen switch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-e2e-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(config, 'keybinding:\n  explode: x\n');
    const t = open();
    t.run(`clear; echo BEFORE-MARK; node bin/layerscope.js demo --config ${config}; echo EXIT=$?`);
    const s = await t.waitFor((x) => /EXIT=\d/.test(x), 'the CLI to exit');
    expect(s).toContain('EXIT=2');
    expect(s).toContain('unknown keybinding "explode"');
    expect(t.pane('alternate_on')).toBe('0');
  });
});
