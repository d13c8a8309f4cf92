// cat, extract and log with --debug say what the layer cache saved, in the line `layerscope --debug
// IMAGE` prints (the tests that count parses read it): cold, every layer of the archive parsed; warm,
// every one recalled; with --no-cache, no line. It goes to stderr: cat's stdout stays the file's bytes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli } from '../helpers/run-cli.js';

const line = (parsed: number, recalled: number): string =>
  `layerscope: debug: layer cache: ${parsed} layers parsed, ${recalled} from the cache\n`;

describe('--debug on the content commands', () => {
  let dir = '';
  let image = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-content-debug-'));
    image = join(dir, 'image.tar');
    const layers = [
      { command: 'RUN one', entries: [{ path: 'etc/conf', content: 'v1\n' }] },
      { command: 'RUN two', entries: [{ path: 'etc/conf', content: 'v2\n' }] },
    ];
    writeFileSync(image, writeImageArchive({ layers }, 'docker-oci'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cat, extract and log print the layer cache line, cold then warm', async () => {
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const extract = await cli(['extract', '--debug', image, '/etc/conf', '-o', dir], { env });
    expect(extract.code, extract.stderr).toBe(0);
    expect(extract.stderr.startsWith(line(2, 0)), extract.stderr).toBe(true);
    const log = await cli(['log', '--debug', image, '/etc/conf'], { env });
    expect([log.code, log.stderr]).toEqual([0, line(0, 2)]);
    // --debug before the command is the command's too.
    const cat = await cli(['--debug', 'cat', image, '/etc/conf'], { env });
    expect([cat.code, cat.stdout, cat.stderr]).toEqual([0, 'v2\n', line(0, 2)]);
  });

  it('no line without a cache', async () => {
    const run = await cli(['log', '--debug', '--no-cache', image, '/etc/conf'], { env: { XDG_CACHE_HOME: join(dir, 'none') } });
    expect([run.code, run.stderr]).toEqual([0, '']);
  });
});
