// Nothing from an image reaches the terminal raw (issue 16 §1). Archives built here carry hostile strings
// — an OSC 52 clipboard write, a window-title change, CSI and C1 controls, CR/LF, a bidi override and
// bytes that are not UTF-8 — in every place an image can hold text: tags, RepoTags, ref.name
// annotations, platform fields, member and layer paths, digests, media types, URLs, commands, comments.
// Each is run through the BUILT CLI (from a file, and from stdin where the path differs) down every
// error and warning path and every output, and the raw bytes of stdout, stderr and report files are
// checked: valid UTF-8, no C0 control but the line feeds that end lines, no DEL, no C1, no bidi control.
// The hostile bytes must stay visible (as \x1b, \x0a…), not be dropped.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerTar, sha256, type LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeTar } from '../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive, writeOciLayout } from '../../src/io/archive-writer/write-image-archive.js';
import { TmuxTerminal, shellQuote, tmuxAvailable } from '../e2e/tmux.js';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN } from '../helpers/run-cli.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';

const OSC52 = '\x1b]52;c;aGFja2Vk\x07';
const TITLE = '\x1b]0;pwned\x07';
/** Every kind of hostile text; no '/' or ':' so it fits in a path component and a tag. */
const H = `evil${OSC52}${TITLE}\x1b[2J\x1b[31m\u009b1m\u0085\r\nforged line\u202Egpj.exe`;
/** The same as bytes, plus a lone C1 byte (0x9b, CSI to an 8-bit terminal) and 0xff: not UTF-8. */
const H_BYTES = Buffer.concat([Buffer.from(H), Buffer.from([0x9b, 0xff])]);
/** How the escaper shows H: each hostile character visible. */
const H_SHOWN = 'evil\\x1b]52;c;aGFja2Vk\\x07\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\x9b1m\\x85\\x0d\\x0aforged line\\u{202e}gpj.exe';
const H_BYTES_SHOWN = `${H_SHOWN}\\x9b\\xff`;

// What a terminal acts on, as decoded text: C0 but LF, DEL, C1 (U+0080–U+009F), bidi controls and
// line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

function expectTerminalSafe(bytes: Buffer, what: string): void {
  const text = bytes.toString('utf8');
  // Not UTF-8 would mean a raw byte such as 0x9b (an 8-bit CSI) got through.
  expect(Buffer.from(text, 'utf8').equals(bytes), `${what} is not valid UTF-8:\n${text}`).toBe(true);
  expect(text.includes('\x1b'), `raw ESC in ${what}`).toBe(false);
  const bad = UNSAFE.exec(text);
  expect(bad && `U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${bad.index} of ${what}:\n${text}`).toBeNull();
}

interface RawRun {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** The built CLI, its output kept as bytes (a string would hide bytes that are not UTF-8). */
function run(args: readonly string[], opts: { stdin?: Buffer; env?: Record<string, string> } = {}): Promise<RawRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const key of ['CI', 'GITHUB_STEP_SUMMARY', 'NO_COLOR', 'FORCE_COLOR']) if (!opts.env || !(key in opts.env)) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
    if (opts.stdin) child.stdin!.on('error', () => {}).end(opts.stdin);
  });
}

/** An expected failure: exit 2, nothing on stdout, one `layerscope:` line and one hint line, all safe. */
function expectOneSafeError(result: RawRun, message: RegExp): string {
  expectTerminalSafe(result.stderr, 'stderr');
  const text = result.stderr.toString('utf8');
  const lines = text.split('\n');
  expect(result.code, text).toBe(2);
  expect(result.stdout.length, result.stdout.toString()).toBe(0);
  expect(lines, text).toHaveLength(3);
  expect(lines[0]).toMatch(/^layerscope: /);
  expect(lines[1]).toMatch(/^ {2}hint: /);
  expect(lines[2]).toBe('');
  expect(lines[0]).toMatch(message);
  return text;
}

const layer = (command: string, entries: LayerSpec['entries']): LayerSpec => ({ command, entries });
const BASE: LayerSpec = layer('ADD rootfs /', [
  { path: 'etc', type: 'dir' },
  { path: 'etc/os', size: 10 },
]);
const configJson = (layers: number) =>
  Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: Array.from({ length: layers }, (_, i) => `sha256:${String(i).repeat(64)}`) },
    }),
  );
const manifestJson = (item: Record<string, unknown>) => Buffer.from(JSON.stringify([{ RepoTags: [], ...item }]));

let dir: string;
const at = (name: string) => join(dir, name);
async function archive(name: string, bytes: Buffer): Promise<string> {
  await writeFile(at(name), bytes);
  return at(name);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-hostile-'));
});

// Each case: the archive, the extra arguments, and what the error line must say. Run from the file and,
// for the archives that are one stream, from standard input too (a different reader: tar-stream).
interface ErrorCase {
  readonly name: string;
  readonly bytes: () => Buffer;
  readonly args?: readonly string[];
  readonly message: RegExp;
  /** The visible form of the hostile text the line must show. */
  readonly shows: string;
}

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'a layer member named by manifest.json is missing',
    bytes: () =>
      writeTar([
        { name: 'c.json', content: configJson(1) },
        { name: 'manifest.json', content: manifestJson({ Config: 'c.json', Layers: [`${H}/layer.tar`] }) },
      ]),
    message: /^layerscope: layer 1 \('.*'\) named by the manifest is missing/,
    shows: H_SHOWN,
  },
  {
    name: 'the config named by manifest.json is missing',
    bytes: () => writeTar([{ name: 'manifest.json', content: manifestJson({ Config: `${H}.json`, Layers: [] }) }]),
    message: /^layerscope: config '.*' named by manifest.json is missing/,
    shows: H_SHOWN,
  },
  {
    name: 'a config member that is not JSON',
    bytes: () =>
      writeTar([
        { name: `${H}.json`, content: Buffer.from('{ not json') },
        { name: 'manifest.json', content: manifestJson({ Config: `${H}.json`, Layers: [] }) },
      ]),
    message: /invalid JSON|config/,
    shows: H_SHOWN,
  },
  {
    name: 'a layer member that is neither tar, gzip nor zstd',
    bytes: () =>
      writeTar([
        { name: 'c.json', content: configJson(1) },
        { name: `${H}.tar`, content: Buffer.from('garbage, not a layer\n'.repeat(40)) },
        { name: 'manifest.json', content: manifestJson({ Config: 'c.json', Layers: [`${H}.tar`] }) },
      ]),
    message: /neither a tar, gzip nor zstd/,
    shows: H_SHOWN,
  },
  {
    name: 'an OCI index naming a manifest blob that is missing (hostile digest)',
    bytes: () =>
      writeTar([
        { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
        {
          name: 'index.json',
          content: Buffer.from(
            JSON.stringify({
              schemaVersion: 2,
              manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${H}`, size: 2 }],
            }),
          ),
        },
      ]),
    message: /missing|digest/,
    shows: H_SHOWN,
  },
  {
    name: 'a layer of an unsupported media type',
    bytes: () => writeImageArchive({ layers: [{ ...BASE, mediaType: `application/${H}` }] }, 'oci-archive'),
    message: /unsupported media type/,
    shows: H_SHOWN,
  },
  {
    name: 'a foreign layer left out, its URL in the hint',
    bytes: () =>
      writeImageArchive(
        { layers: [{ ...BASE, mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', urls: [`https://x/${H}`] }] },
        'oci-archive',
        { omit: (name) => name === `blobs/sha256/${sha256(layerTar(BASE))}` },
      ),
    message: /is a foreign layer/,
    shows: H_SHOWN,
  },
  {
    name: 'no image for the platform asked for: the platforms listed',
    bytes: () =>
      writeImageArchive({ layers: [BASE], platform: { os: `linux${H}`, architecture: 'amd64' } }, 'oci-archive', {
        images: [{ layers: [BASE], platform: { os: 'linux', architecture: `arm${H}`, variant: `v${H}` } }],
      }),
    args: ['--platform', 'linux/s390x'],
    message: /^layerscope: no linux\/s390x image in .*; it has: /,
    shows: H_SHOWN,
  },
  {
    name: 'a whiteout that deletes nothing (path not UTF-8)',
    bytes: () =>
      writeImageArchive(
        { layers: [BASE, layer('RUN rm', [{ path: Buffer.concat([Buffer.from('etc/'), H_BYTES]), type: 'whiteout' }])] },
        'docker-legacy',
      ),
    message: /^layerscope: dangling whiteout: layer 2 deletes '\/etc\//,
    shows: H_BYTES_SHOWN,
  },
];

describe.each([
  ['from a file', false],
  ['from standard input', true],
])('errors %s: one escaped line and a hint', (_how, stdin) => {
  it.each(ERROR_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const bytes = c.bytes();
    const path = await archive(`${c.name.replace(/\W+/g, '-')}.tar`, bytes);
    const result = stdin
      ? await run(['--json', '-', ...(c.args ?? []), '-'], { stdin: bytes })
      : await run(['--json', '-', ...(c.args ?? []), path]);
    const text = expectOneSafeError(result, c.message);
    expect(text).toContain(c.shows);
  });
});

describe('paths only a file or directory source has', () => {
  it('oci:DIR:REF that is not there lists the ref.name annotations, escaped', async () => {
    const layout = at('layout');
    await mkdir(layout);
    await writeOciLayout({ layers: [BASE], repoTags: [`img:${H}`] }, layout);
    const text = expectOneSafeError(await run(['--json', '-', `oci:${layout}:nope`]), /^layerscope: no image named 'nope' in .*; it has: /);
    expect(text.split('\n')[0]).toContain(H_SHOWN);
    expect(text.split('\n')[1]).toContain(`oci:DIR:${H_SHOWN}`);
  });

  it('docker-archive:PATH:REF that is not there: one escaped error naming the RepoTags it has', async () => {
    const bytes = writeImageArchive({ layers: [BASE], repoTags: [`one:${H}`] }, 'docker-legacy', {
      images: [{ layers: [BASE], repoTags: [`two:${H}`] }],
    });
    const result = await run(['--json', '-', `docker-archive:${await archive('refs.tar', bytes)}:nope`]);
    const text = expectOneSafeError(result, /^layerscope: no image 'nope' in .*refs\.tar; it has: /);
    expect(text).toContain(`one:${H_SHOWN}, two:${H_SHOWN}`);
  });

  it('--debug traces are escaped too (any number of lines, none raw)', async () => {
    const bytes = writeTar([
      { name: `${H}.json`, content: Buffer.from('{ not json') },
      { name: 'manifest.json', content: manifestJson({ Config: `${H}.json`, Layers: [] }) },
    ]);
    const result = await run(['--json', '-', '--debug', await archive('debug.tar', bytes)]);
    expect(result.code).toBe(2);
    expectTerminalSafe(result.stderr, 'stderr with --debug');
    expect(result.stderr.toString()).toContain(H_SHOWN);
  });

  it('a CI rules file with hostile values: one escaped line', async () => {
    const config = at('hostile-ci.yaml');
    await writeFile(config, `rules:\n  lowestEfficiency: ${JSON.stringify(H)}\n`);
    const bytes = writeImageArchive({ layers: [BASE] }, 'docker-legacy');
    const result = await run(['--ci', '--ci-config', config, await archive('ci-config.tar', bytes)]);
    const text = expectOneSafeError(result, /lowestEfficiency/);
    expect(text).toContain('\\x1b]52;c;aGFja2Vk\\x07');
  });
});

// Warnings: the run succeeds, and every line on stderr is one escaped `layerscope: warning:` line.
function expectSafeWarnings(result: RawRun, count: number, shows: string): void {
  expectTerminalSafe(result.stderr, 'stderr');
  expectTerminalSafe(result.stdout, 'stdout');
  const lines = result.stderr.toString('utf8').split('\n');
  expect(result.code, lines.join('\n')).toBe(0);
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(count);
  for (const line of lines) expect(line).toMatch(/^layerscope: warning: /);
  expect(lines.join('\n')).toContain(shows);
}

const WARNING_CASES: Array<{ name: string; bytes: () => Buffer; args?: string[]; count: number; shows: string }> = [
  {
    name: 'several images in one docker archive: their RepoTags listed',
    bytes: () =>
      writeImageArchive({ layers: [BASE], repoTags: [`one:${H}`] }, 'docker-legacy', {
        images: [{ layers: [BASE], repoTags: [`two:${H}`] }],
      }),
    count: 1,
    shows: `one:${H_SHOWN}`,
  },
  {
    name: 'several images for one platform in an OCI archive: their platforms listed',
    bytes: () => {
      const platform = { os: 'linux', architecture: 'amd64', variant: `v${H}` };
      // Two different images: the same manifest listed twice is one image, and says nothing.
      return writeImageArchive({ layers: [BASE], platform }, 'oci-archive', {
        images: [{ layers: [BASE, layer('RUN y', [{ path: 'y', size: 1 }])], platform }],
      });
    },
    count: 1,
    shows: H_SHOWN,
  },
  {
    name: 'entries that climb out of the image root (names not UTF-8)',
    bytes: () =>
      writeImageArchive(
        { layers: [BASE, layer('RUN x', [{ path: Buffer.concat([Buffer.from('../../'), H_BYTES]), size: 3 }])] },
        'docker-legacy',
      ),
    count: 1,
    shows: H_BYTES_SHOWN,
  },
  {
    name: 'a dangling whiteout analysed with --lenient',
    bytes: () =>
      writeImageArchive(
        { layers: [BASE, layer('RUN rm', [{ path: Buffer.concat([Buffer.from('etc/'), H_BYTES]), type: 'whiteout' }])] },
        'docker-legacy',
      ),
    args: ['--lenient'],
    count: 1,
    shows: H_BYTES_SHOWN,
  },
];

describe.each([
  ['from a file', false],
  ['from standard input', true],
])('warnings %s: escaped lines on stderr', (_how, stdin) => {
  it.each(WARNING_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const bytes = c.bytes();
    const path = await archive(`w-${c.name.replace(/\W+/g, '-')}.tar`, bytes);
    const args = ['--json', '-', ...(c.args ?? [])];
    const result = stdin ? await run([...args, '-'], { stdin: bytes }) : await run([...args, path]);
    expectSafeWarnings(result, c.count, c.shows);
    // The JSON keeps the warning whole (\u escapes), for scripts.
    expect(JSON.parse(result.stdout.toString()).warnings).toHaveLength(c.count);
  });
});

// A successful run whose image holds hostile text everywhere an output shows image data.
const HOSTILE_IMAGE = {
  repoTags: [`hostile:${H}`],
  platform: { os: 'linux', architecture: 'amd64', variant: `v${H}` },
  created: `2024${H}`,
  layers: [
    {
      command: `/bin/sh -c ${H}`,
      comment: `comment ${H}`,
      created: `c${H}`,
      entries: [
        { path: 'app', type: 'dir' as const },
        { path: Buffer.concat([Buffer.from('app/'), H_BYTES]), size: 500 },
        { path: `app/link${H}`, type: 'symlink' as const, linkTarget: `/target${H}` },
      ],
    },
    { command: `RUN again ${H}`, entries: [{ path: Buffer.concat([Buffer.from('app/'), H_BYTES]), size: 700 }] },
  ],
  emptySteps: [{ command: `ENV X=${H}`, after: 1 }],
};

describe('outputs of an image with hostile text everywhere', () => {
  let path: string;
  beforeAll(async () => {
    path = await archive('hostile-image.tar', writeImageArchive(HOSTILE_IMAGE, 'docker-legacy'));
  });

  it('--json --json-files: safe bytes, and the strings parse back exactly', async () => {
    const result = await run(['--json', '-', '--json-files', path]);
    expect(result.code, result.stderr.toString()).toBe(0);
    expect(result.stderr.length).toBe(0);
    expectTerminalSafe(result.stdout, '--json stdout');
    const doc = JSON.parse(result.stdout.toString());
    expect(doc.image.tags).toEqual([`hostile:${H}`]);
    expect(doc.image.variant).toBe(`v${H}`);
    expect(doc.layer[1].command).toBe(`RUN again ${H}`);
    expect(doc.layer[0].comment).toBe(`comment ${H}`);
    expect(doc.history.map((h: { createdBy: string }) => h.createdBy)).toContain(`ENV X=${H}`);
    // Bytes that are not UTF-8 come back as lone surrogates U+DC80+byte (README, JSON section).
    expect(doc.image.fileReference[0].file).toBe(`/app/${H}\udc9b\udcff`);
    expect(doc.layer[0].files.find((f: { kind: string }) => f.kind === 'symlink').linkTarget).toBe(`/target${H}`);
  });

  it.each(['text', 'json', 'junit', 'markdown'])('--ci report %s: on stdout, in --ci-report and in the step summary', async (format) => {
    const report = at(`report-${format}`);
    const summary = at(`summary-${format}.md`);
    await writeFile(summary, '');
    const toStdout = await run(['--ci', '--ci-format', format, path]);
    const toFile = await run(['--ci', '--ci-format', format, '--ci-report', report, path], { env: { GITHUB_STEP_SUMMARY: summary } });
    for (const result of [toStdout, toFile]) {
      expect(result.code, result.stderr.toString()).toBe(1); // 3/5 of the bytes are waste: efficiency fails
      expect(result.stderr.length).toBe(0);
      expectTerminalSafe(result.stdout, `--ci-format ${format} stdout`);
    }
    expectTerminalSafe(await readFile(report), `${format} report file`);
    expectTerminalSafe(await readFile(summary), 'step summary');
    const shown = [toStdout.stdout.toString(), toFile.stdout.toString(), (await readFile(report)).toString()].join('\n');
    // The path is in every format (JSON as \u escapes); text formats show the escaper's visible form.
    expect(shown).toContain(format === 'json' ? '\\u009b1m\\u0085\\r\\nforged line\\u202egpj.exe' : 'forged line');
  });
});

describe('a secret under a hostile name, in the CI reports', () => {
  // The secrets rule's lines come escaped already; junit and markdown escaped them again, so the name
  // showed `\\x1b` (junit) and `\\\\x1b` (markdown source) where the other paths of the report show `\x1b`.
  const github = FAKE_CASES.find((c) => c.rule === 'github-token')!;
  it.each([
    ['junit', `github-token  /home/gh\\x1b[2Jtoken.txt  [`],
    ['markdown', `- github-token  /home/gh\\\\x1b\\[2Jtoken.txt  \\[`],
    ['text', `github-token  /home/gh\\x1b[2Jtoken.txt  [`],
  ])('%s: the name escaped once, as the report escapes every other name', async (format, shown) => {
    const bytes = writeImageArchive(
      { layers: [BASE, layer('COPY token', [{ path: 'home/gh\x1b[2Jtoken.txt', content: github.content }])] },
      'docker-legacy',
    );
    const result = await run(['--ci', '--ci-format', format, await archive(`secret-${format}.tar`, bytes)]);
    expect(result.code, result.stderr.toString()).toBe(1); // the secrets rule fails
    expectTerminalSafe(result.stdout, `--ci-format ${format}`);
    expect(result.stdout.toString()).toContain(shown);
  });
});

describe('diff of a hostile image', () => {
  // B's second layer deletes a hostile name that no layer below has (a dangling whiteout).
  let a = '';
  let b = '';
  beforeAll(async () => {
    a = await archive('diff-a.tar', writeImageArchive({ layers: [BASE] }, 'docker-legacy'));
    const rm = layer('RUN rm', [{ path: Buffer.concat([Buffer.from('etc/'), H_BYTES]), type: 'whiteout' }]);
    b = await archive('diff-b.tar', writeImageArchive({ layers: [BASE, rm] }, 'docker-legacy'));
  });

  // diff printed each side's warnings itself, unescaped: a dangling whiteout's name reached the terminal raw.
  it('--lenient: the dangling whiteout warning escaped, and saying which side it is', async () => {
    const result = await run(['diff', '--lenient', a, b]);
    expectSafeWarnings(result, 1, `B: dangling whiteout: layer 2 deletes '/etc/${H_BYTES_SHOWN}'`);
  });

  it('an error reading one side: one escaped line that says which side', async () => {
    expectOneSafeError(await run(['diff', a, b]), /^layerscope: B: dangling whiteout: layer 2 deletes '\/etc\//);
    expectOneSafeError(await run(['diff', b, a]), /^layerscope: A: dangling whiteout: layer 2 deletes '\/etc\//);
  });
});

// The explorer: its screen goes to a real terminal (tmux, through `script`, which keeps every byte the
// explorer wrote), stderr to a file. A leaked OSC 0 would retitle the pane and a leaked OSC 52 would
// fill a tmux paste buffer (set-clipboard on lets programs do that), so both are checked as well.
const runTmux = requireOrSkip('tmux and script', tmuxAvailable() && spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0);

describe.skipIf(!runTmux)('the explorer on a hostile image (tmux)', () => {
  it('escapes every name on screen, and the --lenient warning it prints after quitting', async () => {
    const spec = {
      ...HOSTILE_IMAGE,
      layers: [
        ...HOSTILE_IMAGE.layers,
        layer('RUN rm', [{ path: Buffer.concat([Buffer.from('ghost'), H_BYTES]), type: 'whiteout' as const }]),
      ],
    };
    const path = await archive('explorer.tar', writeImageArchive(spec, 'docker-legacy'));
    const [raw, err] = [at('explorer.screen'), at('explorer.stderr')];
    const t = new TmuxTerminal(120, 30);
    try {
      t.tmux('set-option', '-s', 'set-clipboard', 'on');
      const title = t.pane('pane_title');
      const command = `node ${shellQuote(BIN)} --lenient ${shellQuote(path)} 2>${shellQuote(err)}`;
      t.run(`clear; script -qfec ${shellQuote(command)} ${shellQuote(raw)}; echo EXIT=$?`);
      const screen = await t.waitFor(
        (x) => /Layers 1\/\d+/.test(x) && x.includes('\\x1b]52;c;aGFja2Vk\\x07'),
        'the explorer showing the hostile names',
      );
      expect(screen).toContain('\\x1b]52;c;aGFja2Vk\\x07');
      t.keys('q');
      await t.waitFor((x) => x.includes('EXIT=0'), 'the explorer to quit with exit 0');
      expect(t.pane('pane_title')).toBe(title);
      expect(t.tmux('list-buffers')).toBe('');
    } finally {
      t.kill();
    }
    // Everything the explorer drew: its own CSI sequences, but no OSC, BEL, C1 or bidi control of the image.
    const drawn = (await readFile(raw)).toString('utf8');
    expect(drawn).not.toContain('\x1b]');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0007\u0080-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffd]/u.exec(drawn)).toBeNull();
    // Ink's restore-cursor writes "show cursor" to stderr at exit, even to a file: ours, not the image's.
    const stderr = await readFile(err);
    const cut = stderr.lastIndexOf('\x1b[?25h');
    expect(cut < 0 || cut + 6 === stderr.length, 'only a trailing show-cursor').toBe(true);
    const warning = cut < 0 ? stderr : stderr.subarray(0, cut);
    expectTerminalSafe(warning, 'stderr of the explorer');
    expect(warning.toString()).toBe(
      `layerscope: warning: dangling whiteout: layer 3 deletes '/ghost${H_BYTES_SHOWN}', which no layer below it has\n`,
    );
  });
});
