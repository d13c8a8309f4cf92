// `npm run build`, second step: bundles the tsc output (dist/cli/entry.js and what it imports) into
// dist/bundle/, which bin/layerscope.js runs. Why: start-up was a quarter of a second of resolving and
// reading ~120 module files (node --cpu-prof: node:internal/modules was the largest self time); one
// file per path (entry, then a chunk for each lazily imported command) loads in a few reads.
// Code splitting keeps the lazy imports lazy: `--version` loads only the entry, `--json` never loads Ink.
// Then scripts/rechunk.mjs groups the chunks again (fewer files on every path).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { rechunk } from './rechunk.mjs';

const root = new URL('..', import.meta.url).pathname;
const inkVersion = JSON.parse(readFileSync(`${root}node_modules/ink/package.json`, 'utf8')).version;
const packageVersion = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;

// Ink's reconciler reads its own package.json (only with DEV=true) relative to its file, which is gone
// once bundled: give it the version now.
const inkPackageJson = {
  name: 'ink-package-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const patched = text.replace('await loadPackageJson()', JSON.stringify({ name: 'ink', version: inkVersion }));
      if (patched === text) throw new Error('ink reconciler changed: check the package.json patch in scripts/bundle.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

// dockerode requires its BuildKit session (@grpc/grpc-js, @grpc/proto-loader) and progress decoder
// (protobufjs) when it is loaded, though only image builds use them and layerscope builds nothing: they
// were ~180 of the 207 files and most of the second it took to load dockerode on this machine. Stubbed
// here; called anyway, the stub throws rather than misbehave.
const dockerodeBuildOnly = {
  name: 'dockerode-build-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]dockerode[\\/]lib[\\/](session|buildkit)\.js$/ }, () => ({
      contents:
        "module.exports = () => { throw new Error('image builds are not part of the layerscope bundle'); };\nmodule.exports.followProgress = module.exports;",
      loader: 'js',
    }));
    // docker-modem's own ssh transport (ssh2, ~20 files evaluated when dockerode loads: 20 ms of a 0.26 s
    // daemon read of the tiny image) is used only with protocol 'ssh'. layerscope always gives dockerode
    // protocol 'http' and its own agent (engine-agent.ts), which reaches ssh:// through `docker system
    // dial-stdio`: the transport is never called.
    b.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]ssh\.js$/ }, () => ({
      contents: "module.exports = () => { throw new Error('docker-modem ssh transport is not part of the layerscope bundle'); };",
      loader: 'js',
    }));
    // docker-modem formats every request's options for its debug log, `util.inspect` with depth: null and
    // hidden properties, before `debug` is asked whether it logs at all: the options hold layerscope's
    // agent and its sockets, and a daemon read spent 8-15 ms (CPU profile) formatting text nobody read.
    // Under DEBUG=modem the line would also print the request's headers (a registry's credentials on a
    // pull). The call is left out (the path stays inspected, %o: a name's control characters escaped);
    // an upgrade that changes it fails the build here.
    b.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const call = /debug\('Sending: %s', util\.inspect\(options, \{\s*showHidden: true,\s*depth: null\s*\}\)\);/;
      if (!call.test(text)) throw new Error(`${args.path}: the request debug line changed; see scripts/bundle.mjs`);
      return { contents: text.replace(call, "debug('Sending: %s %o', options.method, options.path);"), loader: 'js' };
    });
  },
};

// The proxy agents (registry over HTTP(S)_PROXY) log with `debug`, which DEBUG=* turns on: their
// output includes the request headers (the registry's Authorization, the proxy's Proxy-Authorization).
// Credentials appear in no output of layerscope, so for them `debug` is a function that logs nothing.
const quietProxyAgents = {
  name: 'quiet-proxy-agents',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, (args) =>
      /[\\/](https?-proxy-agent|agent-base|proxy-agent-negotiate)[\\/]/.test(args.importer)
        ? { path: 'debug', namespace: 'no-debug' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-debug' }, () => ({
      contents: 'const off = () => { const log = () => {}; log.enabled = false; return log; }; export default off;',
      loader: 'js',
    }));
  },
};

// Ink measures, cuts and tokenizes text by grapheme: string-width (its own 8.x, and wrap-ansi's 7.x),
// slice-ansi and ansi-tokenize each make an Intl.Segmenter when loaded, and the first one made loads ICU's
// break data (27 ms here). string-width's fast path is printable ASCII only, and the explorer's rows hold
// box drawing, blocks and '…', so every row took the grapheme-by-grapheme path (~70 µs a row), and the
// first frame compiled 8.x's \p{RGI_Emoji} expression (44 ms). So, in the bundle:
// - text made only of NARROW_TEXT code points (src/presentation/narrow-text.ts: each one column by
//   string-width's rules and joining no neighbour into a cluster, which its test checks against the
//   library) is measured by its length, in each string-width copy, for the code points that copy itself
//   measures as one column (wrap-ansi's 7.x takes '▶' and a few others for emoji, two columns: asked here,
//   at build time, of the copy itself, so each keeps its own answers);
// - every one of their segmenters answers such text, escape sequences included, a code unit at a time
//   (each is a grapheme of its own there: the segments are the ones ICU would give), and is made on first
//   use for any other text: a first frame of such text makes none (test/e2e/first-frame-segmenters.test.ts).
// First frame on the 7 MB fixture 476 -> 434 ms with the first, then 460 -> 414 ms with the rest (medians
// of 10-12 alternating runs), and 0.986-0.988x once slice-ansi's segmenter was covered too (20 pairs,
// twice). An upgrade that moves an anchor fails the build here.
const { NARROW_TEXT, NARROW_OR_ESCAPE, codeUnitSegments } = await import(`${root}dist/presentation/narrow-text.js`);
const narrowCodePoints = [];
for (let c = 0; c <= 0xffff; c++) if (NARROW_TEXT.test(String.fromCodePoint(c))) narrowCodePoints.push(c);
const classOf = (codePoints) => {
  const hex = (c) => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const ranges = [];
  for (const c of codePoints) {
    const last = ranges.at(-1);
    if (last && last[1] === c - 1) last[1] = c;
    else ranges.push([c, c]);
  }
  return ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
};

// A grapheme segmenter made on first use, which answers narrow text (escape sequences included) without
// one: each of its code units is a grapheme of its own there, so the segments, and `containing`, are the
// ones it would give (narrow-text.test.ts checks codeUnitSegments against Intl.Segmenter).
function narrowSegmenters(text, path) {
  let made = 0;
  const out = text.replace(/const (\w+) = new Intl\.Segmenter\(([^)]*)\);/g, (_, name, args) => {
    made++;
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''); // comments may name it too
    const uses = code.match(new RegExp(`\\b${name}\\b`, 'g')).length;
    const segments = code.match(new RegExp(`\\b${name}\\.segment\\(`, 'g'))?.length ?? 0;
    if (uses !== segments + 1) throw new Error(`${path}: ${name} is used for more than .segment(); see scripts/bundle.mjs`);
    if (/granularity: ['"](?!grapheme)/.test(args)) throw new Error(`${path}: ${name} does not segment graphemes`);
    return `const ${name} = { segment(text) { return /${NARROW_OR_ESCAPE.source}/.test(text) ? codeUnitSegments(text) : (this.made ??= new Intl.Segmenter(${args})).segment(text); } };`;
  });
  if (made === 0) throw new Error(`${path}: makes no Intl.Segmenter any more; see scripts/bundle.mjs`);
  return `${out}\n${codeUnitSegments.toString()}\n`;
}

// string-width 8.x makes its \p{RGI_Emoji} expression when loaded, and making it is 17 ms of the first
// frame by itself (V8 expands the property's thousands of sequences: a CPU profile's top line of Ink's
// chunk), for text the narrow fast path above never gives it. Made on first use instead.
function lazyEmojiRegex(text, path) {
  const made = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const uses = code.match(/\brgiEmojiRegex\b/g)?.length ?? 0;
  const tests = code.match(/\brgiEmojiRegex\.test\(/g)?.length ?? 0;
  if (!text.includes(made) || uses !== tests + 1) throw new Error(`${path}: rgiEmojiRegex changed; see scripts/bundle.mjs`);
  return text.replace(made, 'const rgiEmojiRegex = { test(text) { return (this.made ??= /^\\p{RGI_Emoji}$/v).test(text); } };');
}

async function narrowWidth(text, path) {
  const { default: width } = await import(pathToFileURL(path).href);
  const own = narrowCodePoints.filter((c) => {
    const ch = String.fromCodePoint(c);
    return width(ch) === 1 && width(`a${ch}`) === 2 && width(`${ch}${ch}`) === 2;
  });
  const fastPath = `\tif (ambiguousIsNarrow && /^[${classOf(own)}]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n`;
  const asciiFastPath = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n'; // 8.x
  const widthLoop = '\tlet width = 0;\n\tconst eastAsianWidthOptions'; // 7.x, which has no fast path
  if (text.includes(asciiFastPath)) return lazyEmojiRegex(text.replace(asciiFastPath, asciiFastPath + fastPath), path);
  if (text.includes(widthLoop)) return text.replace(widthLoop, fastPath + widthLoop);
  throw new Error(`${path}: no place for the narrow-text fast path; see scripts/bundle.mjs`);
}

const inkTextMeasure = {
  name: 'ink-text-measure',
  setup(b) {
    const modules =
      /[\\/]node_modules[\\/](?:.+[\\/]node_modules[\\/])?(string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
    b.onLoad({ filter: modules }, async (args) => {
      const which = modules.exec(args.path)[1].replaceAll('\\', '/');
      let text = narrowSegmenters(readFileSync(args.path, 'utf8'), args.path);
      if (which === 'string-width/index') text = await narrowWidth(text, args.path);
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// React, its reconciler and scheduler pick their build with `if (process.env.NODE_ENV === 'production')`
// at run time, so both builds were bundled: 1.1 MB of the 1.5 MB Ink chunk was the reconciler, 0.72 MB of
// it the development build, parsed on every start of the explorer though never run. The CLI always runs
// the production build (a shell's NODE_ENV=development, set for the user's own apps, would otherwise
// double every frame's time): each such entry file requires its production build directly.
const forcedProduction = new Set();
const reactProductionBuilds = {
  name: 'react-production-builds',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][^\\/]+\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const m =
        /^'use strict';\s*if \(process\.env\.NODE_ENV === 'production'\) \{\s*module\.exports = require\(('\.\/cjs\/[\w.-]+\.production\.js')\);\s*\} else \{\s*module\.exports = require\('\.\/cjs\/[\w.-]+\.development\.js'\);\s*\}\s*$/.exec(
          text,
        );
      if (!m) return undefined; // not an entry that chooses a build
      forcedProduction.add(
        args.path
          .split(/[\\/]node_modules[\\/]/)
          .pop()
          .replaceAll('\\', '/'),
      );
      return { contents: `'use strict';\nmodule.exports = require(${m[1]});\n`, loader: 'js' };
    });
  },
};

// CommonJS dependencies bundled into ESM still call require() (Node built-ins) and name __dirname.
const banner = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileUrl } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundleFileUrl(import.meta.url);',
  "const __dirname = __bundleFileUrl(new URL('.', import.meta.url));",
].join(' ');

// Chunk names carry content hashes: start empty so no stale chunk is packed.
rmSync(`${root}dist/bundle`, { recursive: true, force: true });

await build({
  entryPoints: [`${root}dist/cli/entry.js`],
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ssh2 (under dockerode) tries native addons inside try/catch and falls back to JS without them:
  // left out, they fail that require as when they were never built. react-devtools-core: Ink's DEV tool.
  external: ['cpu-features', '*.node', 'react-devtools-core'],
  // `--version` answered by the entry alone (src/cli/entry.ts): no version chunk, no package.json read.
  define: { __LAYERSCOPE_VERSION__: JSON.stringify(packageVersion) },
  banner: { js: banner },
  plugins: [inkPackageJson, dockerodeBuildOnly, quietProxyAgents, reactProductionBuilds, inkTextMeasure],
  logLevel: 'warning',
});

// The banner above is for the few chunks of CommonJS code (3 of ~60); every chunk got it, and each ran
// createRequire and two fileURLToPath as it loaded (tiny --json, farm-bench 40 pairs: 0.97x without them).
// Left only where the chunk names require, __filename or __dirname.
const bannerEnd = banner.length;
for (const file of readdirSync(`${root}dist/bundle`)) {
  if (!file.endsWith('.js')) continue;
  const path = `${root}dist/bundle/${file}`;
  const text = readFileSync(path, 'utf8');
  if (!text.startsWith(banner)) throw new Error(`${file} does not start with the bundle banner: check scripts/bundle.mjs`);
  if (!/\brequire\b|\b__filename\b|\b__dirname\b/.test(text.slice(bannerEnd)))
    writeFileSync(path, text.slice(bannerEnd).replace(/^\n/, ''));
}

// Should React change how its entry files choose a build, say so rather than bundle both again.
for (const entry of ['react/index.js', 'react-reconciler/index.js', 'scheduler/index.js']) {
  if (!forcedProduction.has(entry))
    throw new Error(`${entry} no longer chooses its build as scripts/bundle.mjs expects: check the react-production-builds plugin`);
}

// esbuild splits what main shares with the lazy entries only main loads into chunks of their own:
// scripts/rechunk.mjs says why and what regrouping them saves.
await rechunk(`${root}dist/bundle`);
