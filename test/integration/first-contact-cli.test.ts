// What a new user meets first, through the BUILT CLI: help with examples, suggestions for typos, the
// key table from the keymap (rebindings included), and completion scripts.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

describe('help', () => {
  it('--help and help show what it does, with examples and the commands', async () => {
    for (const args of [['--help'], ['help']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: layerscope [options] [source]');
      expect(run.stdout).toContain('  layerscope image.tar ');
      expect(run.stdout).toContain('  diff A B ');
    }
  });

  it('diff --help and help diff show the comparison with examples', async () => {
    for (const args of [
      ['diff', '--help'],
      ['help', 'diff'],
    ]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: layerscope diff [options] <a> <b>');
      expect(run.stdout).toContain('  layerscope diff app:1.4 app:1.5');
    }
  });

  it('completion --help shows its usage and the lines for each shell (it was an error, exit 2)', async () => {
    const run = await cli(['completion', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: layerscope completion bash\|zsh\|fish\n/);
    expect(run.stdout).toContain('layerscope completion fish > ~/.config/fish/completions/layerscope.fish');
  });

  it('help on a topic it has not is a usage error, with the nearest topic when one is near', async () => {
    expectOneLineError(await cli(['help', 'nosuch']), /^layerscope: no help on 'nosuch'$/, /layerscope help keys, layerscope help diff/);
    expectOneLineError(await cli(['help', 'kees']), /^layerscope: no help on 'kees'$/, /did you mean 'layerscope help keys'\?/);
  });

  it("every content command's help shows examples, and its typos point at its own help", async () => {
    for (const command of ['cat', 'extract', 'log', 'cache']) {
      const run = await cli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`Examples:\\n {2}layerscope ${command} `));
    }
    expectOneLineError(
      await cli(['cat', '--lyer', '2', 'x.tar', '/etc/x']),
      /unknown option '--lyer'/,
      /did you mean --layer\? \(layerscope cat --help/,
    );
  });

  it("help keys prints the key table, with the user's rebindings", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ls-keys-'));
    const config = join(dir, 'config.yaml');
    await writeFile(config, 'keybinding:\n  quit: x\n');
    const plain = await cli(['help', 'keys'], { env: { XDG_CONFIG_HOME: join(dir, 'none') } });
    expect(plain.stdout).toMatch(/^ {2}q, \^C +Quit$/m);
    expect(plain.stdout).toMatch(/^ {2}\^N +Show\/hide modified/m);
    const rebound = await cli(['help', 'keys', '--config', config]);
    expect(rebound.stdout).toMatch(/^ {2}x +Quit$/m);
  });

  // As the explorer's help does there: a terminal that is not UTF-8 cannot draw the arrows (audit).
  it('help keys names the arrow keys in a locale that is not UTF-8, and draws them in one that is', async () => {
    const ascii = await cli(['help', 'keys'], { env: { LANG: 'C', LC_ALL: '', LC_CTYPE: '' } });
    expect(ascii.stdout).toMatch(/^ {2}Up, k +/m);
    expect(ascii.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    const utf8 = await cli(['help', 'keys'], { env: { LANG: 'C.UTF-8', LC_ALL: '', LC_CTYPE: '' } });
    expect(utf8.stdout).toMatch(/^ {2}↑, k +/m);
  });
});

describe('typos', () => {
  it('an unknown flag suggests the closest one, in one line and a hint', async () => {
    expectOneLineError(await cli(['--jsn', 'x.tar']), /unknown option '--jsn'/, /did you mean --json\?/);
    expectOneLineError(
      await cli(['diff', '--fail-onn', '1', 'a', 'b']),
      /unknown option '--fail-onn'/,
      /did you mean --fail-on\?.*layerscope diff --help/,
    );
  });

  it('a mistyped command suggests the command', async () => {
    expectOneLineError(await cli(['dif', 'a.tar', 'b.tar']), /unknown command 'dif'/, /did you mean 'layerscope diff'\?/);
  });

  it('completion needs a known shell', async () => {
    expectOneLineError(await cli(['completion', 'pwsh']), /completion needs a shell: bash, zsh, fish/);
  });
});
