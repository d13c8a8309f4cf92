// Shell completion as a user gets it: each script is loaded by the real shell (bash, zsh, fish from
// Debian) and asked for completions; the answers come from the built CLI, image names from the daemon.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { BIN } from '../helpers/run-cli.js';

const execFileAsync = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-complete-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'layerscope'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'layerscope'), 0o755);
  mkdirSync(join(dir, 'work'));
  for (const f of ['app.tar', 'apple.txt', 'zebra.tar']) writeFileSync(join(dir, 'work', f), '');
  mkdirSync(join(dir, 'work', 'my files'));
  writeFileSync(join(dir, 'work', 'my files', 'x.tar'), '');
  // No daemon unless a test gives one: local images must not leak into the answers checked here.
  env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    XDG_CACHE_HOME: join(dir, 'cache'),
    HOME: dir,
    DOCKER_HOST: 'unix:///nonexistent.sock',
  };
});

const shell = (cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(cmd, args, { cwd: join(dir, 'work'), env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 30_000 });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
};

const bash = (line: string, extraEnv?: NodeJS.ProcessEnv) =>
  shell(
    'bash',
    [
      '-c',
      'source <(layerscope completion bash); COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; _layerscope; printf "%s\\n" "${COMPREPLY[@]}"',
      'bash',
      line,
    ],
    extraEnv,
  );

describe.skipIf(!requireOrSkip('bash', commandWorks('bash', ['-c', 'true'])))('bash completion', () => {
  it('flags, flag values, commands and files', () => {
    expect(bash('layerscope --ci-f')).toEqual(['--ci-format']);
    expect(bash('layerscope --ci-format j')).toEqual(['json', 'junit']);
    expect(bash('layerscope --platform linux/arm')).toEqual(['linux/arm/v6', 'linux/arm/v7', 'linux/arm64']);
    expect(bash('layerscope completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(bash('layerscope di')).toEqual(['diff']);
    expect(bash('layerscope ap')).toEqual(['app.tar', 'apple.txt']);
    expect(bash('layerscope diff app.tar --fail')).toEqual(['--fail-on']);
    expect(bash('layerscope diff app.tar z')).toEqual(['zebra.tar']);
    // After a path prefix, files: bash breaks the word at ':', so it is given what follows it.
    expect(bash('layerscope docker-archive:ap')).toEqual(['app.tar', 'apple.txt']);
    // A name with a space, as bash inserts it (escaped): an audit found the next Tab offered nothing.
    expect(bash('layerscope my\\ files/')).toEqual(['my files/x.tar']);
    expect(bash('layerscope diff app.tar oci-archive:./z')).toEqual(['./zebra.tar']);
    expect(bash('layerscope app.tar ')).toEqual([]);
  });
});

describe.skipIf(!requireOrSkip('zsh', commandWorks('zsh', ['-c', 'true'])))('zsh completion', () => {
  // compadd works only inside a completion widget: these stand-ins print what the script hands to it,
  // so the script itself runs in the real zsh with the words zsh would give it.
  const zsh = (...words: string[]) =>
    shell('zsh', [
      '-f',
      '-c',
      [
        'compadd() { local i=${@[(i)--]}; print -l -- "${@[i+1,-1]}" }',
        '_files() { print -l -- *(N) }',
        'compset() { print -r -- "compset $*" }',
        'eval "$(layerscope completion zsh)"',
        'words=("$@"); CURRENT=$#; _layerscope',
      ].join('\n'),
      'zsh',
      ...words,
    ]);

  it('flags, flag values, commands and files', () => {
    expect(zsh('layerscope', '--ci-format', 'ju')).toEqual(['junit']);
    expect(zsh('layerscope', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
    expect(zsh('layerscope', 'dem')).toEqual(expect.arrayContaining(['demo']));
    expect(zsh('layerscope', '--json-f')).toEqual(['--json-files']);
    // compset, like compadd, works only in a widget: the stand-in says what the script asked of it.
    expect(zsh('layerscope', 'docker-archive:ap')).toEqual(['app.tar', 'apple.txt', 'compset -P docker-archive:', 'my files', 'zebra.tar']);
  });
});

describe.skipIf(!requireOrSkip('fish', commandWorks('fish', ['-c', 'true'])))('fish completion', () => {
  const fish = (line: string) =>
    shell('fish', ['-c', `layerscope completion fish | source; complete -C "${line}"`]).map((l) => l.split('\t')[0]!);

  it('flags, flag values, commands and files', () => {
    expect(fish('layerscope --ci-format j')).toEqual(['json', 'junit']);
    expect(fish('layerscope completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(fish('layerscope --asc')).toEqual(['--ascii']);
    expect(fish('layerscope zeb')).toEqual(['zebra.tar']);
    expect(fish('layerscope docker-archive:ap')).toEqual(['docker-archive:app.tar', 'docker-archive:apple.txt']);
    expect(fish('layerscope my\\\\ files/')).toEqual(['my files/x.tar']);
    expect(fish('layerscope oci-archive:my\\\\ files/')).toEqual(['oci-archive:my files/x.tar']);
    // fish's path completion takes no '~': given $HOME (the test's dir), the answers keep the '~'.
    expect(fish('layerscope ~/wo')).toEqual(['~/work/']);
    expect(fish('layerscope docker-archive:~/work/ze')).toEqual(['docker-archive:~/work/zebra.tar']);
  });
});

const dockerOk = requireOrSkip('a Docker daemon (docker info)', dockerAvailable());
describe.skipIf(!dockerOk)('image names from the daemon', () => {
  it('completes local image names (the cache is tested with a clock in test/unit/cli/completion.test.ts)', () => {
    const archive = join(dir, 'img.tar');
    writeFileSync(
      archive,
      writeImageArchive(
        { repoTags: ['lscomplete:one'], layers: [{ command: 'COPY x /', entries: [{ path: 'x', content: 'complete' }] }] },
        'docker-legacy',
      ),
    );
    execFileSync('docker', ['load', '-i', archive], { stdio: 'ignore' });
    const daemon = { DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', XDG_CACHE_HOME: join(dir, 'daemon-cache') };
    expect(bash('layerscope lscompl', daemon)).toEqual(['lscomplete:one']);
    // bash breaks words at ':' — only the part after it is offered.
    expect(bash('layerscope lscomplete:o', daemon)).toEqual(['one']);
    // Without the cache, the dead address gives no names (and no error on the user's prompt).
    expect(bash('layerscope lscompl', { DOCKER_HOST: 'unix:///nonexistent.sock', XDG_CACHE_HOME: join(dir, 'cold') })).toEqual([]);
  });
});

// An audit found every Tab hanging for the whole listing timeout while DOCKER_HOST named a host that does
// not answer. A server that accepts and never replies counts how often the CLI asks it.
describe('a daemon that does not answer', () => {
  it('is asked on the first Tab only, which gives no names and no error', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => void sockets.push(s.on('error', () => undefined)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const silent = {
        ...env,
        DOCKER_HOST: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`,
        XDG_CACHE_HOME: join(dir, 'silent'),
      };
      // Run asynchronously, so that this process accepts the connection while the CLI waits on it.
      const tab = () => execFileAsync(process.execPath, [BIN, '__complete', 'bash', '--', 'lscompl'], { env: silent, timeout: 30_000 });
      // No image names: only the marker that tells the script to offer files.
      for (let i = 0; i < 3; i++) expect(await tab()).toEqual({ stdout: ':files\n', stderr: '' });
      expect(sockets.length).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

// Node's recursive mkdir never returns under /proc: with the cache there, a Tab spun a core for minutes.
describe('a cache directory that cannot be made', () => {
  it('a Tab still answers, without image names', async () => {
    const run = await execFileAsync(process.execPath, [BIN, '__complete', 'bash', '--', 'dem'], {
      env: { ...env, XDG_CACHE_HOME: '/proc/nope', DOCKER_HOST: 'unix:///nonexistent.sock' },
      timeout: 30_000,
    });
    expect(run).toEqual({ stdout: 'demo\n:files\n', stderr: '' });
  });
});
