// The bundle bin/layerscope.js runs holds React's production builds only: the development ones were
// 0.72 MB of the Ink chunk, parsed at every start of the explorer, and would run under a shell's
// NODE_ENV=development (twice the time of every frame). esbuild names each bundled file in a comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { ROOT } from '../helpers/run-cli.js';

const dir = join(ROOT, 'dist/bundle');
const built = requireOrSkip('the built CLI (npm run build)', existsSync(join(dir, 'entry.js')));
const bundled = (): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [
      ...readFileSync(join(dir, f), 'utf8').matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:react|react-reconciler|scheduler)\/cjs\/\S+)$/gm),
    ])
    .map((m) => m[1]!);

describe.skipIf(!built)('the bundle', () => {
  test("holds React's, its reconciler's and its scheduler's production builds, and none of their development builds", () => {
    const files = bundled();
    for (const name of ['react.production.js', 'react-reconciler.production.js', 'scheduler.production.js']) {
      expect(files.some((f) => f.endsWith(`/${name}`))).toBe(true);
    }
    expect(files.filter((f) => f.includes('.development.'))).toEqual([]);
  });

  test('holds Ink with patches/ink+6.8.0.patch applied (npm ci runs patch-package in prepare): frame caches kept a frame', () => {
    const chunks = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    const ink = chunks.filter((text) => /^\/\/ node_modules\/ink\/build\/output\.js$/m.test(text));
    expect(ink).toHaveLength(1);
    expect(ink[0]).toContain('caches = OutputCaches.forNextFrame();');
    expect(ink[0]).toContain('const currentWidth = output.caches.getWidestLine(text);');
  });
});

describe.skipIf(!built)('the daemon chunk', () => {
  // scripts/bundle.mjs leaves out docker-modem's eager `util.inspect` of every request's options (8-15 ms of
  // a daemon read, for a debug line nobody reads, which under DEBUG=modem would print a pull's credentials).
  test("bundles docker-modem's request without formatting its options for the debug log", () => {
    const chunks = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .filter((text) => text.includes('// node_modules/docker-modem/lib/modem.js'));
    expect(chunks).toHaveLength(1);
    const modem = chunks[0]!.slice(chunks[0]!.indexOf('// node_modules/docker-modem/lib/modem.js'));
    expect(modem).toContain('debug("Sending: %s %s", options.method, options.path);');
    expect(modem).not.toMatch(/util\d*\.inspect\(options/);
  });
});

describe.skipIf(!built)("Ink's string-width", () => {
  // scripts/bundle.mjs answers text made of narrow symbols by its length (src/presentation/narrow-text.ts,
  // whose test checks that against the library), in front of the grapheme-by-grapheme path.
  test('answers narrow text by its length, after its own ASCII fast path', async () => {
    const { NARROW_TEXT } = await import('../../src/presentation/narrow-text.js');
    const chunks = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .filter((text) => text.includes('// node_modules/string-width/index.js'));
    expect(chunks).toHaveLength(1);
    const module = chunks[0]!.slice(chunks[0]!.indexOf('// node_modules/string-width/index.js'));
    const ascii = module.indexOf('if (/^[\\u0020-\\u007E]*$/.test(string))');
    const narrow = module.indexOf(`if (ambiguousIsNarrow && /${NARROW_TEXT.source}/.test(string))`);
    expect(ascii).toBeGreaterThan(0);
    expect(narrow).toBeGreaterThan(ascii);
    expect(narrow).toBeLessThan(module.indexOf('.segment(string)'));
  });
});
