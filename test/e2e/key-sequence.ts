// One key sequence for the terminal tests, sent two ways: key by key, each waited for on screen (slow
// typing), and all of it in one write to the terminal (typed ahead, pasted, or batched by an SSH link).
// Both must end on the same screen. Every key changes the screen, so the slow way can wait for each.
// Down right after Tab is the key a stale lookup misroutes (it moved the layer instead of the cursor).
import type { TmuxTerminal } from './tmux.js';

/** tmux key name, and the bytes a terminal sends for it (Down in normal cursor mode). */
export const SEQUENCE: readonly (readonly [string, string])[] = [
  ['j', 'j'],
  ['Tab', '\t'],
  ['Down', '\x1b[B'],
  ['C-b', '\x02'],
  ['/', '/'],
  ['o', 'o'],
  ['p', 'p'],
  ['t', 't'],
  ['Enter', '\r'],
  ['Down', '\x1b[B'],
  ['C-o', '\x0f'],
];

/** The screen once every key was sent on its own, each after the previous one showed. */
export async function typeSlowly(t: TmuxTerminal): Promise<string> {
  let screen = t.screen();
  for (const [key] of SEQUENCE) {
    const before = screen;
    t.keys(key);
    screen = await t.waitFor((s) => s !== before, `the screen to change after ${key}`);
  }
  return screen;
}

/** All the keys in one write. */
export function pasteAll(t: TmuxTerminal): void {
  t.paste(SEQUENCE.map(([, bytes]) => bytes).join(''));
}
