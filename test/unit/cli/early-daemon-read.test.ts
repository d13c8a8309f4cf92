// Which command lines have their daemon inspect and export sent before the command line loads: only the
// plain image command whose one SOURCE main reads from the default daemon. Expected values are what main
// does with the same words (source-spec.ts, resolve-docker-endpoint.ts), written out by hand.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { earlyReadFor, VALUE_OPTIONS } from '../../../src/cli/early-daemon-read.js';

const env = { XDG_CACHE_HOME: '/cache' };
const none = (_path: string): boolean => false;
const early = (args: string[], e: Record<string, string> = env, exists = none) => earlyReadFor(args, e, '/home/u', exists);

describe('earlyReadFor', () => {
  it('the image command reading the daemon: the reference, the cache records, pieces reused', () => {
    expect(early(['--json', 'report.json', 'app'])).toEqual({
      ref: 'app',
      dockerConfig: '/home/u/.docker',
      socketPath: '/var/run/docker.sock',
      exportRecords: '/cache/layerscope/entries/export',
      reusePieces: true,
    });
    expect(early(['docker:lsfix:tiny'])?.ref).toBe('lsfix:tiny');
    expect(early(['--json=out.json', '--ci', '--lowest-efficiency', '0.9', 'app:1'])?.ref).toBe('app:1');
    expect(early(['--', 'app'])?.ref).toBe('app');
    expect(early(['app'], { DOCKER_CONFIG: '/cfg' })?.dockerConfig).toBe('/cfg');
  });

  it('--no-cache: no records to look at (nothing can spare the export); --keep-layers: fresh pieces', () => {
    expect(early(['--no-cache', 'app'])?.exportRecords).toBeUndefined();
    expect(early(['--keep-layers', 'app'])?.reusePieces).toBe(false);
  });

  it('none for a SOURCE that is an existing file', () => {
    expect(early(['app'], env, (p) => p === 'app')).toBeUndefined();
  });

  it.each([
    ['an archive by path', ['image.tar']],
    ['stdin', ['-']],
    ['the demo', ['demo']],
    ['a registry', ['registry:app']],
    ['podman', ['podman:app']],
    ['an OCI layout', ['oci:dir']],
    ['two words', ['app', 'other']],
    ['no source', ['--json', 'out.json']],
    ['diff', ['diff', 'a', 'b']],
    ['cat', ['cat', 'app', '/etc/os-release']],
    ['completion', ['completion', 'bash']],
    ['shell completion', ['__complete', 'ap']],
    ['-H', ['-H', 'unix:///other.sock', 'app']],
    ['-H joined', ['-Hunix:///other.sock', 'app']],
    ['--host=', ['--host=tcp://h:2375', 'app']],
    ['--context', ['--context', 'remote', 'app']],
    ['--source', ['--source', 'docker-archive', 'app']],
    ['--help', ['--help', 'app']],
    ['--version', ['app', '--version']],
  ])('none for %s', (_what, args) => {
    expect(early(args)).toBeUndefined();
  });

  it('none when the environment chooses the daemon', () => {
    expect(early(['app'], { DOCKER_HOST: 'unix:///var/run/docker.sock' })).toBeUndefined();
    expect(early(['app'], { DOCKER_CONTEXT: 'default' })).toBeUndefined();
  });

  it("knows every option of the parser's that takes a value, and no other", () => {
    const parsed = buildProgram()
      .options.filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short].filter((n): n is string => n !== undefined));
    expect([...VALUE_OPTIONS].sort()).toEqual([...new Set(parsed)].sort());
  });
});
