// The bundle bin/layerscope.js runs holds React's production builds only: the development ones were
// 0.72 MB of the Ink chunk, parsed at every start of the explorer, and would run under a shell's
// NODE_ENV=development (twice the time of every frame). esbuild names each bundled file in a comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { ROOT } from '../helpers/run-cli.js';
import { NARROW_OR_ESCAPE, NARROW_TEXT } from '../../src/presentation/narrow-text.js';

const dir = join(ROOT, 'dist/bundle');
const built = requireOrSkip('the built CLI (npm run build)', existsSync(join(dir, 'entry.js')));
const bundled = (): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [
      ...readFileSync(join(dir, f), 'utf8').matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:react|react-reconciler|scheduler)\/cjs\/\S+)$/gm),
    ])
    .map((m) => m[1]!);

/** Each bundled node_modules file's part of the bundle, by the name esbuild's comment gives it. */
const modules = (): Map<string, string> => {
  const found = new Map<string, string>();
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const parts = text.split(/^(?=\/\/ node_modules\/)/m);
    for (const part of parts) {
      const name = /^\/\/ (node_modules\/\S+)/.exec(part)?.[1];
      if (name) found.set(name, part);
    }
  }
  return found;
};

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

  test('holds cli-truncate with patches/cli-truncate+5.2.0.patch applied: a cut inside a wide character is cut before it', () => {
    const truncate = modules().get('node_modules/cli-truncate/index.js');
    expect(truncate).toBeDefined();
    expect(truncate).toMatch(/if \(stringWidth\d*\(left\) > room\) \{\s*left = sliceAnsi\d*\(text, 0, room - 1\);/);
  });
});

describe.skipIf(!built)('the daemon chunk', () => {
  // scripts/bundle.mjs leaves out docker-modem's eager `util.inspect` of every request's options (8-15 ms of
  // a daemon read, for a debug line nobody reads, which under DEBUG=modem would print a pull's credentials).
  test("bundles docker-modem's request without formatting its options for the debug log", () => {
    const modem = modules().get('node_modules/docker-modem/lib/modem.js')!;
    expect(modem).toBeDefined();
    expect(modem).toContain('debug("Sending: %s %o", options.method, options.path);');
    expect(modem).not.toMatch(/util\d*\.inspect\(options/);
  });
});

describe.skipIf(!built)("Ink's text measuring", () => {
  // scripts/bundle.mjs: narrow text (src/presentation/narrow-text.ts, checked against the library in its
  // test) is measured by its length in both string-width copies and segmented a code unit at a time, and
  // every grapheme segmenter is made on first use. esbuild names each bundled file in a comment.

  test('string-width answers narrow text by its length, each copy for what it measures as one column', () => {
    const all = modules();
    const own = all.get('node_modules/string-width/index.js')!;
    const wraps = all.get('node_modules/wrap-ansi/node_modules/string-width/index.js')!;
    const fastPath = (text: string): RegExp => {
      const source = /if \(ambiguousIsNarrow && \/(\^\[[^\]]+\]\*\$)\/\.test\(string\)\)/.exec(text)?.[1];
      expect(source).toBeDefined();
      expect(text.indexOf(`/${source!}/`)).toBeLessThan(text.indexOf('.segment(string)'));
      return new RegExp(source!);
    };
    const narrow = fastPath(own);
    expect(narrow.source).toBe(NARROW_TEXT.source);
    // wrap-ansi's 7.x measures text-style emoji such as '▶' as two columns: its own fast path leaves them out.
    const narrowForWrap = fastPath(wraps);
    expect(narrowForWrap.test('│ └── bin …')).toBe(true);
    expect(narrow.test('▶')).toBe(true);
    expect(narrowForWrap.test('▶')).toBe(false);
  });

  test('every grapheme segmenter answers narrow text by code units, and is made on first use', () => {
    const all = modules();
    const makers = [...all].filter(([, text]) => text.includes('new Intl.Segmenter('));
    expect(makers.map(([name]) => name).sort()).toEqual([
      'node_modules/@alcalzone/ansi-tokenize/build/tokenize.js',
      'node_modules/slice-ansi/tokenize-ansi.js',
      'node_modules/string-width/index.js',
      'node_modules/wrap-ansi/node_modules/string-width/index.js',
    ]);
    for (const [name, text] of makers) {
      const narrow =
        text.match(
          /segment\(text\) \{\s*return \/(.+?)\/\.test\(text\) \? codeUnitSegments\d* *\(text\) : \(this\.made \?\?= new Intl\.Segmenter\(/g,
        ) ?? [];
      expect(narrow, name).toHaveLength(text.match(/new Intl\.Segmenter\(/g)!.length);
      for (const found of narrow) expect(found, name).toContain(`/${NARROW_OR_ESCAPE.source}/.test(text)`);
    }
  });
});
