// `layerscope` with no argument in a real terminal (tmux) against the real daemon: the picker lists the
// local images, filters as you type, opens the explorer on Enter, comes back on q, and quits on Esc —
// at 80x24 and on a phone-sized 60x20. Without a daemon: one line and the other ways in.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip('a Docker daemon (docker info)', dockerAvailable()) &&
  requireOrSkip('the built CLI (npm run build; npm test does)', existsSync('dist/cli/main.js'));

beforeAll(() => {
  if (!run) return;
  const dir = mkdtempSync(join(tmpdir(), 'ls-picker-'));
  for (const tag of ['lspick:alpha', 'lspick:beta']) {
    const archive = join(dir, `${tag.replace(':', '-')}.tar`);
    writeFileSync(
      archive,
      writeImageArchive(
        { repoTags: [tag], layers: [{ command: `COPY ${tag} /`, entries: [{ path: `${tag.replace(':', '-')}.txt`, content: tag }] }] },
        'docker-legacy',
      ),
    );
    execFileSync('docker', ['load', '-i', archive], { stdio: 'ignore' });
  }
});

const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));
const open = (columns: number, rows: number): TmuxTerminal => {
  const t = new TmuxTerminal(columns, rows);
  terminals.push(t);
  return t;
};

describe.skipIf(!run)('the image picker', () => {
  test.each([
    [80, 24],
    [60, 20],
  ])('at %ix%i: filter, open, back with q, quit with Esc', async (columns, rows) => {
    const t = open(columns, rows);
    t.run('clear; node bin/layerscope.js; echo EXIT=$?');
    await t.waitFor((s) => s.includes('Local images'), 'the picker');
    t.type('lspick:be');
    let screen = await t.waitFor((s) => s.includes('Local images (1 of'), 'the filtered list');
    expect(screen).toContain('lspick:beta');
    expect(screen).not.toContain('lspick:alpha');
    t.keys('Enter');
    await t.waitFor((s) => /Layers 1\/1/.test(s) && s.includes('└── lspick-beta'), 'the explorer on lspick:beta, its file in the tree');
    t.keys('q');
    screen = await t.waitFor((s) => s.includes('Local images'), 'the picker again');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    t.keys('Escape');
    await t.waitFor((s) => s.includes('EXIT=0'), 'exit 0');
    expect(t.pane('alternate_on')).toBe('0');
  });

  test('no daemon: one line, and the other ways in', async () => {
    const t = open(200, 24); // wide enough that the hint is not wrapped
    t.run('clear; DOCKER_HOST=unix:///nonexistent.sock node bin/layerscope.js; echo EXIT=$?');
    const screen = await t.waitFor((s) => /EXIT=\d/.test(s), 'the exit code');
    expect(screen).toMatch(
      /layerscope: no image picker: .*\n {2}hint: open an archive \(layerscope image\.tar\), a registry image \(layerscope registry:nginx\), or the demo \(layerscope demo\)/,
    );
    expect(screen).toContain('EXIT=2');
  });
});
