// The bundle answers the explorer's narrow text without a grapheme segmenter (scripts/bundle.mjs,
// src/presentation/narrow-text.ts): the first Intl.Segmenter made loads ICU's break data, 27 ms of the
// first frame. A preload counts the segmenters the built CLI makes up to its first frame and quit: none
// for an image whose names are narrow text; one once a name is not (the probe can tell).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip('the built CLI (npm run build; npm test does)', existsSync('dist/bundle/entry.js'));
const dir = mkdtempSync(join(tmpdir(), 'ls-segmenters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

const probe = join(dir, 'count-segmenters.cjs');
writeFileSync(
  probe,
  `const Real = Intl.Segmenter;
Intl.Segmenter = class extends Real {
  constructor(...args) { super(...args); require('fs').appendFileSync(process.env.SEGMENTERS_LOG, 'made\\n'); }
};
`,
);

async function segmentersUpToFirstFrame(name: string, path: string): Promise<number> {
  const archive = join(dir, `${name}.tar`);
  writeFileSync(archive, writeImageArchive({ layers: [{ command: 'ADD tool', entries: [{ path, content: 'x' }] }] }, 'docker-legacy'));
  const log = join(dir, `${name}.log`);
  const t = new TmuxTerminal(100, 30, { SEGMENTERS_LOG: log });
  terminals.push(t);
  t.run(`node -r ${probe} bin/layerscope.js --no-cache ${archive}; echo EXIT=$?`);
  await t.waitFor((s) => /Layers 1\/\d+/.test(s) && s.includes(path.split('/')[0]!), 'the first frame');
  t.keys('q');
  await t.waitFor((s) => s.includes('EXIT=0'), 'exit');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

describe.skipIf(!run)("the explorer's first frame (tmux, built CLI)", () => {
  test('makes no grapheme segmenter when every name is narrow text', async () => {
    expect(await segmentersUpToFirstFrame('narrow', 'bin/tool')).toBe(0);
  });

  test('makes one when a name is not (wide characters)', async () => {
    expect(await segmentersUpToFirstFrame('wide', '漢字/tool')).toBeGreaterThan(0);
  });
});
