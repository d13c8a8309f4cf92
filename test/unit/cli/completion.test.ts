// The completion engine and its image-name cache, with the daemon and the clock replaced.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complete, FILES } from '../../../src/cli/first-contact/complete.js';
import { cachedImageNames } from '../../../src/cli/first-contact/image-names.js';
import { closest } from '../../../src/cli/first-contact/suggest.js';

const ctx = { imageNames: async () => ['nginx:1', 'node:20'], contextNames: () => ['remote'] };

describe('complete', () => {
  it('offers commands, sources, image names and files for the first word', async () => {
    expect(await complete(['n'], ctx)).toEqual(['nginx:1', 'node:20', FILES]);
    expect(await complete(['o'], ctx)).toEqual(['oci-archive:', 'oci:', FILES]);
  });

  it('offers the values of the flag before the cursor, files for file flags', async () => {
    expect(await complete(['--context', ''], ctx)).toEqual(['remote']);
    expect(await complete(['--json', ''], ctx)).toEqual([FILES]);
    expect(await complete(['--source', 'd'], ctx)).toEqual(expect.arrayContaining(['docker', 'docker-archive']));
  });

  it('knows when the sources are all given', async () => {
    expect(await complete(['diff', 'a.tar', 'b.tar', ''], ctx)).toEqual([]);
    expect(await complete(['diff', 'a.tar', ''], ctx)).toContain('nginx:1');
    expect(await complete(['--json', 'out.json', 'x.tar', ''], ctx)).toEqual([]);
  });

  // An audit found nothing completed after cat, extract, log or cache (README: commands, image names, files).
  it('cache takes ls or prune; cat, extract and log take an image first, then a path in it', async () => {
    expect(await complete(['cache', ''], ctx)).toEqual(['ls', 'prune']);
    expect(await complete(['cache', 'p'], ctx)).toEqual(['prune']);
    expect(await complete(['cache', 'ls', ''], ctx)).toEqual([]);
    for (const sub of ['cat', 'extract', 'log']) {
      expect(await complete([sub, 'n'], ctx)).toEqual(['nginx:1', 'node:20', FILES]);
      expect(await complete([sub, 'nginx:1', ''], ctx)).toEqual([]);
    }
  });

  // An audit found no flag completed after cat, extract or log: each has its own (README "File contents").
  it('cat, extract and log complete their own flags and flag values', async () => {
    expect(await complete(['cat', '--'], ctx)).toEqual(expect.arrayContaining(['--layer', '--raw', '--platform', '--no-cache']));
    expect(await complete(['cat', '--'], ctx)).not.toContain('--force');
    expect(await complete(['extract', '--f'], ctx)).toEqual(['--force']);
    expect(await complete(['extract', '-o', ''], ctx)).toEqual([FILES]);
    expect(await complete(['extract', '--output', 'out', 'n'], ctx)).toEqual(['nginx:1', 'node:20', FILES]);
    expect(await complete(['log', '--j'], ctx)).toEqual(['--json']);
    expect(await complete(['log', '--json', 'n'], ctx)).toEqual(['nginx:1', 'node:20', FILES]);
    expect(await complete(['cat', '--layer', '2', 'nginx:1', ''], ctx)).toEqual([]);
    expect(await complete(['cat', '--source', ''], ctx)).toEqual(expect.arrayContaining(['docker', 'oci']));
  });

  it('a name that is not a plain reference never reaches the shell', async () => {
    const hostile = { ...ctx, imageNames: async () => ['nginx:1', 'evil\x1b]52;c;eA==\x07:x', 'sp ace:1', 'n\nx:1'] };
    expect(await complete(['n'], hostile)).toEqual(['nginx:1', FILES]);
    expect(await complete(['ev'], hostile)).toEqual([FILES]);
  });

  it('an unreachable daemon means no image names, never an error', async () => {
    const broken = {
      ...ctx,
      imageNames: async () => {
        throw new Error('down');
      },
    };
    expect(await complete(['n'], broken)).toEqual([FILES]);
  });
});

describe('sources written with a prefix', () => {
  // An audit found `docker-archive:./<Tab>` offering nothing: the shell was asked for files named
  // docker-archive:./…, which do not exist.
  it('a path prefix asks for the file names after it; docker: for the daemon image names after it', async () => {
    expect(await complete(['docker-archive:./a'], ctx)).toEqual([':files=docker-archive:']);
    expect(await complete(['diff', 'oci:'], ctx)).toEqual([':files=oci:']);
    expect(await complete(['cat', 'oci-archive:x'], ctx)).toEqual([':files=oci-archive:']);
    expect(await complete(['docker:n'], ctx)).toEqual(['docker:nginx:1', 'docker:node:20']);
    expect(await complete(['docker:ng'], ctx)).toEqual(['docker:nginx:1']);
    expect(await complete(['podman:'], ctx)).toEqual([]);
  });
});

describe('cachedImageNames', () => {
  it('asks the daemon once within five seconds, again after', async () => {
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-cache-')) };
    let calls = 0;
    const list = async () => [`image:${++calls}`];
    let t = 1_000_000;
    const now = () => t;
    expect(await cachedImageNames(env, list, now)).toEqual(['image:1']);
    t += 4_999;
    expect(await cachedImageNames(env, list, now)).toEqual(['image:1']);
    t += 1;
    expect(await cachedImageNames(env, list, now)).toEqual(['image:2']);
    expect(calls).toBe(2);
  });

  // An audit found every Tab waiting out the whole listing timeout with DOCKER_HOST on a silent host.
  it('does not ask a daemon that failed again for thirty seconds, and gives no names meanwhile', async () => {
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-cache-')), DOCKER_HOST: 'tcp://10.0.0.1:2375' };
    let calls = 0;
    const list = async (): Promise<string[]> => {
      calls++;
      throw new Error('timed out');
    };
    let t = 1_000_000;
    const now = () => t;
    expect(await cachedImageNames(env, list, now)).toEqual([]);
    t += 29_999;
    expect(await cachedImageNames(env, list, now)).toEqual([]);
    expect(calls).toBe(1);
    t += 1;
    expect(await cachedImageNames(env, list, now)).toEqual([]);
    expect(calls).toBe(2);
  });

  it('asks at once when DOCKER_HOST or DOCKER_CONTEXT names another daemon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-cache-'));
    let calls = 0;
    const list = async () => [`image:${++calls}`];
    const now = () => 1_000_000;
    expect(await cachedImageNames({ XDG_CACHE_HOME: dir }, list, now)).toEqual(['image:1']);
    expect(await cachedImageNames({ XDG_CACHE_HOME: dir, DOCKER_HOST: 'ssh://build' }, list, now)).toEqual(['image:2']);
    expect(await cachedImageNames({ XDG_CACHE_HOME: dir, DOCKER_HOST: 'ssh://build', DOCKER_CONTEXT: 'x' }, list, now)).toEqual([
      'image:3',
    ]);
    expect(await cachedImageNames({ XDG_CACHE_HOME: dir, DOCKER_HOST: 'ssh://build', DOCKER_CONTEXT: 'x' }, list, now)).toEqual([
      'image:3',
    ]);
  });
});

describe('closest', () => {
  it('suggests a command one or two edits away, nothing for unrelated words', () => {
    expect(closest('dif', ['diff', 'help'])).toBe('diff');
    expect(closest('hlep', ['diff', 'help'])).toBe('help');
    expect(closest('nginx', ['diff', 'help'])).toBeUndefined();
    expect(closest('df', ['diff'])).toBeUndefined();
  });
});
