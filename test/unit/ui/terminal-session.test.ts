import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { enterTerminal } from '../../../src/cli/explore/terminal-session.js';

function fakeStreams() {
  const out = new PassThrough() as unknown as NodeJS.WriteStream;
  let written = '';
  (out as unknown as PassThrough).on('data', (d: Buffer) => {
    written += d.toString();
  });
  const modes: boolean[] = [];
  const stdin = {
    isTTY: true,
    setRawMode: (on: boolean) => {
      modes.push(on);
    },
  } as unknown as NodeJS.ReadStream;
  return { out, stdin, modes, written: () => written };
}
type Listener = (...args: unknown[]) => void;
const added = (event: string, before: readonly unknown[]): Listener[] =>
  (process.listeners(event as 'SIGTERM') as Listener[]).filter((l) => !before.includes(l));

describe('terminal session', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  test('enters the alternate screen, restores once, removes its handlers', async () => {
    const s = fakeStreams();
    const before = process.listeners('SIGHUP');
    const session = enterTerminal(s.stdin, s.out, { onSignal: () => {}, onCrash: () => {} });
    disposers.push(session.dispose);
    expect(added('SIGHUP', before)).toHaveLength(1);
    session.restore();
    session.restore();
    await new Promise((r) => setImmediate(r));
    expect(s.written()).toBe('\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?25h\x1b[?1049l');
    expect(s.modes).toEqual([false]);
    session.dispose();
    expect(added('SIGHUP', before)).toHaveLength(0);
  });
  test('signals report 128 + their number; crashes report the error', () => {
    const s = fakeStreams();
    const codes: number[] = [];
    const crashes: unknown[] = [];
    const before = {
      SIGTERM: process.listeners('SIGTERM'),
      SIGHUP: process.listeners('SIGHUP'),
      SIGINT: process.listeners('SIGINT'),
      uncaughtException: process.listeners('uncaughtException'),
    };
    const session = enterTerminal(s.stdin, s.out, { onSignal: (c) => codes.push(c), onCrash: (e) => crashes.push(e) });
    disposers.push(session.dispose);
    for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) added(sig, before[sig])[0]!();
    expect(codes).toEqual([143, 129, 130]);
    const boom = new Error('boom');
    added('uncaughtException', before.uncaughtException)[0]!(boom);
    expect(crashes).toEqual([boom]);
  });
  test('a terminal that is gone (write errors after a hangup) does not throw', () => {
    const s = fakeStreams();
    const session = enterTerminal(s.stdin, s.out, { onSignal: () => {}, onCrash: () => {} });
    disposers.push(session.dispose);
    (s.out as unknown as PassThrough).destroy();
    expect(() => session.restore()).not.toThrow();
  });
});
