// The bundle answers the explorer's narrow text without a grapheme segmenter (scripts/bundle.mjs,
// src/presentation/narrow-text.ts): the first Intl.Segmenter made loads ICU's break data, 27 ms of the
// first frame. Nor does it make string-width's \p{RGI_Emoji} expression for it (17 ms to make when Ink
// loaded). A preload counts the segmenters and those expressions the built CLI makes up to its first
// frame and quit: none for an image whose names are narrow text; some once a name is not (the probe can
// tell).
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
// RegExp behind a proxy, not a subclass: \`instanceof RegExp\` must still hold for regular expression literals.
writeFileSync(
  probe,
  `const log = (what) => require('fs').appendFileSync(process.env.SEGMENTERS_LOG, what + '\\n');
const Real = Intl.Segmenter;
Intl.Segmenter = class extends Real {
  constructor(...args) { super(...args); log('segmenter'); }
};
globalThis.RegExp = new Proxy(RegExp, {
  construct(target, args, newTarget) {
    if (String(args[0]).includes('RGI_Emoji')) log('emoji');
    return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
  },
});
`,
);

async function madeUpToFirstFrame(name: string, path: string): Promise<{ segmenters: number; emoji: number }> {
  const archive = join(dir, `${name}.tar`);
  writeFileSync(archive, writeImageArchive({ layers: [{ command: 'ADD tool', entries: [{ path, content: 'x' }] }] }, 'docker-legacy'));
  const log = join(dir, `${name}.log`);
  const t = new TmuxTerminal(100, 30, { SEGMENTERS_LOG: log });
  terminals.push(t);
  t.run(`node -r ${probe} bin/layerscope.js --no-cache ${archive}; echo EXIT=$?`);
  await t.waitFor((s) => /Layers 1\/\d+/.test(s) && s.includes(path.split('/')[0]!), 'the first frame');
  t.keys('q');
  await t.waitFor((s) => s.includes('EXIT=0'), 'exit');
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  return { segmenters: lines.filter((l) => l === 'segmenter').length, emoji: lines.filter((l) => l === 'emoji').length };
}

describe.skipIf(!run)("the explorer's first frame (tmux, built CLI)", () => {
  test('makes no grapheme segmenter and no emoji expression when every name is narrow text', async () => {
    expect(await madeUpToFirstFrame('narrow', 'bin/tool')).toEqual({ segmenters: 0, emoji: 0 });
  });

  test('makes them when a name is not (wide characters)', async () => {
    const made = await madeUpToFirstFrame('wide', '漢字/tool');
    expect(made.segmenters).toBeGreaterThan(0);
    expect(made.emoji).toBe(1);
  });
});
