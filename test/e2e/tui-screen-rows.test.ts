// What the explorer sends the terminal per key (tmux pipe-pane records every byte the built CLI wrote):
// a key that changes a few rows sends those rows, not a cleared and repainted screen, and the screen it
// leaves is the one a full repaint draws (colours included).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { shellQuote, TmuxTerminal, tmuxAvailable } from './tmux.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip('the built CLI (npm run build; npm test does)', existsSync('dist/cli/explore/run-explore.js'));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const CLEAR = '\x1b[2J';
const FRAME_END = '\x1b[?2026l'; // Ink ends each frame's synchronized update with it (tmux supports it)
const count = (text: string, part: string): number => text.split(part).length - 1;

describe.skipIf(!run)('explorer frames on the wire (tmux, built CLI)', () => {
  test('moving the cursor sends the changed rows, and the screen equals a full repaint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-rows-'));
    const t = new TmuxTerminal(80, 24);
    cleanups.push(
      () => t.kill(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const wire = join(dir, 'pane.out');
    t.tmux('pipe-pane', '-t', 'main', `cat >> ${shellQuote(wire)}`);
    t.run('node bin/layerscope.js demo; echo EXIT=$?');
    await t.waitFor((s) => /Layers 1\/\d+/.test(s), 'the explorer');
    t.keys('Tab');
    await t.waitFor((s) => s.includes('▶ Layer contents'), 'the tree focused');
    const moves = 12;
    let screen = t.screen(true); // the cursor's row is drawn inverse: only the colours show it
    for (let i = 0; i < moves; i++) {
      const before = screen;
      t.keys('j');
      await t.waitFor(() => (screen = t.screen(true)) !== before, `the cursor to move (${i + 1})`);
    }
    const drawnByRows = screen;
    // A new width makes the explorer repaint the whole screen; back at 80x24 it must look the same.
    t.resize(81, 24);
    await t.waitFor(() => t.screen(true) !== drawnByRows, 'the repaint at 81 columns');
    t.resize(80, 24);
    await t.waitFor(() => t.screen(true) === drawnByRows, `the full repaint to equal the screen drawn by rows:\n${drawnByRows}`);
    t.keys('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 'the exit');
    // tmux forwards the pane's bytes in order: once EXIT=0 is in the file, every frame before it is too.
    await t.waitFor(() => existsSync(wire) && readFileSync(wire, 'latin1').includes('EXIT=0'), 'the recording');
    const bytes = readFileSync(wire, 'latin1');
    const focused = bytes.lastIndexOf(CLEAR, bytes.indexOf(Buffer.from('▶ Layer contents').toString('latin1')));
    const afterFocus = bytes.indexOf(FRAME_END, focused) + FRAME_END.length;
    const rest = bytes.slice(afterFocus); // the moves, then the repaints of the two sizes and the quit
    const cursorMoves = rest.slice(0, rest.indexOf(CLEAR));
    const lastRepaint = bytes.lastIndexOf(CLEAR); // the full frame at 80x24 after the resize
    const fullFrame = bytes.slice(lastRepaint, bytes.indexOf(FRAME_END, lastRepaint));
    expect(focused).toBeGreaterThan(0);
    // Every move's frame comes before the first screen clear after the focus: no move cleared the screen.
    expect(count(cursorMoves, FRAME_END), 'frames before the first clear').toBeGreaterThanOrEqual(moves);
    // Each move rewrites the two rows whose highlight changed and the details they show, not 24 rows.
    expect(cursorMoves.length).toBeLessThan((moves * fullFrame.length) / 3);
  });
});
