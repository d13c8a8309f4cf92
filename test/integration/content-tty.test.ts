// `layerscope cat` in a real terminal (tmux): a file whose bytes are escape sequences is refused with one
// line (the window is not retitled, nothing re-coloured), and so is one whose controls are C1 in UTF-8
// (U+009D is OSC, U+009B is CSI to xterm-like terminals); plain text is shown, and through a pipe the
// bytes go unchanged. Hostile names in messages are escaped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { TmuxTerminal, tmuxAvailable } from '../e2e/tmux.js';
import { requireOrSkip } from '../helpers/integration.js';

const ready = requireOrSkip('tmux', tmuxAvailable());

describe.skipIf(!ready)('cat to a terminal', () => {
  let dir = '';
  let archive = '';
  let t: TmuxTerminal;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-cat-tty-'));
    archive = join(dir, 'hostile.tar');
    writeFileSync(
      archive,
      writeImageArchive(
        {
          layers: [
            {
              command: 'RUN hostile',
              entries: [
                { path: 'evil', content: '\x1b]2;pwned\x07\x1b[31mRED\n' },
                { path: 'c1', content: '\u009d2;pwned\u009c\u009b31mRED\n' },
                { path: 'plain', content: 'hello from the image\n' },
                { path: 'dir\x1b[31mX', type: 'dir' },
              ],
            },
          ],
        },
        'docker-legacy',
      ),
    );
    t = new TmuxTerminal(100, 20);
  });
  afterAll(() => {
    t?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each command's exit marker is numbered: the one before stays on screen until `clear` runs, and under
  // load a wait for a bare EXIT= matched it.
  it('refuses escape-laden content, shows plain text, and pipes bytes unchanged', async () => {
    t.run(`clear; node bin/layerscope.js cat ${archive} /evil; echo EXIT1=$?`);
    let s = await t.waitFor((x) => /EXIT1=\d/.test(x), 'cat to exit');
    expect(s).toContain('layerscope: /evil holds control bytes or binary data; not written to the terminal');
    expect(s).toContain('EXIT1=2');
    expect(t.pane('pane_title')).not.toContain('pwned');
    expect(t.screen(true)).not.toContain('\x1b[31mRED');

    t.run(`clear; node bin/layerscope.js cat ${archive} /c1; echo EXIT5=$?`);
    s = await t.waitFor((x) => /EXIT5=\d/.test(x), 'cat of C1 controls to exit');
    expect(s).toContain('layerscope: /c1 holds control bytes or binary data; not written to the terminal');
    expect(s).toContain('EXIT5=2');
    expect(t.pane('pane_title')).not.toContain('pwned');

    t.run(`clear; node bin/layerscope.js cat ${archive} /plain; echo EXIT2=$?`);
    s = await t.waitFor((x) => /EXIT2=\d/.test(x), 'cat to exit');
    expect(s).toMatch(/hello from the image\nEXIT2=0/);

    t.run(`clear; node bin/layerscope.js cat ${archive} /evil | od -An -c | head -1; echo EXIT3=$?`);
    s = await t.waitFor((x) => /EXIT3=\d/.test(x), 'cat | od to exit');
    expect(s).toMatch(/033 {3}] {3}2 {3}; {3}p {3}w {3}n {3}e {3}d {2}\\a/);

    t.run(`clear; node bin/layerscope.js cat ${archive} '/dir'$'\\x1b''[31mX'; echo EXIT4=$?`);
    s = await t.waitFor((x) => /EXIT4=\d/.test(x), 'cat of a directory to exit');
    expect(s).toContain('layerscope: /dir\\x1b[31mX is a directory at layer 1');
    expect(t.screen(true)).not.toContain('\x1b[31mX');
  });
});
