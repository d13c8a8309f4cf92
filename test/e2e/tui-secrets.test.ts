// Secrets at the classic 80x24 in a real terminal (tmux, built CLI): on an image of eight layers the
// image pane's summary fills it, and the list where findings are gets no row. The first screen must still
// say that secrets were found; Tab Tab must show them; Enter on one must go to its file.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) && requireOrSkip('the built CLI (npm run build; npm test does)', existsSync('dist/cli/main.js'));
const awsSecret = FAKE_CASES.find((c) => c.rule === 'aws-secret-access-key')!.secret;
let dir = '';
let archive = '';

/** Eight layers, each writing a small text file; the third also writes /app/.env with an AWS secret key. */
beforeAll(() => {
  if (!run) return;
  dir = mkdtempSync(join(tmpdir(), 'ls-e2e-secrets-'));
  archive = join(dir, 'eight.tar');
  const layers = Array.from({ length: 8 }, (_, k) => ({
    command: `/bin/sh -c make step-${k + 1}`,
    entries: [
      { path: `opt/step-${k + 1}/notes.txt`, content: `step ${k + 1}\n` },
      ...(k === 2 ? [{ path: 'app/.env', content: `NODE_ENV=production\nAWS_SECRET_ACCESS_KEY=${awsSecret}\n` }] : []),
    ],
  }));
  writeFileSync(archive, writeImageArchive({ repoTags: ['secrets:e2e'], layers }, 'docker-legacy'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

/** Row `at` of the screen, its left column (34 cells at 80 columns), trailing spaces dropped. */
const leftRow = (screen: string, at: number): string => (screen.split('\n')[at] ?? '').slice(0, 34).trimEnd();

describe.skipIf(!run)('secrets at 80x24 (tmux, built CLI)', () => {
  test('an image of eight layers: the first screen says secrets were found; Tab Tab lists them; Enter goes to the file', async () => {
    const t = new TmuxTerminal(80, 24, { NO_COLOR: '1' });
    terminals.push(t);
    t.run(`clear; node bin/layerscope.js ${archive}; echo EXIT=$?`);
    // Rows by hand: the layers pane takes 8 (title and 7 of the 8 layers), the layer details 6 (28% of the
    // 23-row body), the image pane the 9 left: its title on row 14, the secrets line right under it. Two
    // rules find the key: AWS's (by the variable's name and 40-character value) and the .env one (SECRET).
    let s = await t.waitFor((x) => /Layers 1\/8/.test(x), 'the explorer');
    expect(leftRow(s, 14)).toBe('  Image: secrets:e2e (linux/amd64)');
    expect(leftRow(s, 15)).toBe('Secrets: 2 found (Tab Tab: list)');
    expect(s).not.toContain(awsSecret);
    t.keys('Tab', 'Tab');
    s = await t.waitFor((x) => x.includes('▶ Image: secrets:e2e'), 'the image pane focused');
    // Focused, the summary folds to 3 lines: the list header on row 18, 4 list rows under it.
    expect(leftRow(s, 18)).toMatch(/^Secrets, then inefficient files/);
    expect(leftRow(s, 19)).toMatch(/^Secrets: 2 found in \d+ text files? /);
    expect(leftRow(s, 20)).toMatch(/^ {2}aws-secret-access-key {2}\/app\/\.en…$/); // 34 cells: cut
    expect(leftRow(s, 21)).toMatch(/^ {2}dotenv-secret {2}\/app\/\.env {2}\[/);
    expect(s).not.toContain(awsSecret);
    t.keys('j', 'Enter');
    s = await t.waitFor((x) => /Layers 3\/8/.test(x) && x.includes('▶ Layer contents'), 'the file, at the layer that wrote it');
    expect(s).toMatch(/│>.*\.env/); // the tree's cursor row (NO_COLOR marks it with '>')
    t.keys('q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });
});
