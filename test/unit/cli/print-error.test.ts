import { describe, expect, it } from 'vitest';
import { printError } from '../../../src/cli/print-error.js';
import { LayerscopeError } from '../../../src/core/errors.js';

function capture(err: unknown, debug = false) {
  let out = '';
  const code = printError(err, debug, (s) => (out += s));
  return { code, lines: out.trimEnd().split('\n') };
}

describe('printError', () => {
  it('prints an expected failure as one line and a hint, exit 2', () => {
    const { code, lines } = capture(new LayerscopeError('archive', 'archive ends in the middle of layer 3', 'the file is truncated'));
    expect(code).toBe(2);
    expect(lines).toEqual(['layerscope: archive ends in the middle of layer 3', '  hint: the file is truncated']);
  });

  it('folds a multi-line message into one line', () => {
    expect(capture(new LayerscopeError('config', 'bad config:\n- a\n- b')).lines).toEqual(['layerscope: bad config:; - a; - b']);
  });

  it('shows no stack for a bug unless --debug', () => {
    const bug = new TypeError('x is undefined');
    expect(capture(bug).lines).toEqual([
      'layerscope: internal error: x is undefined',
      '  hint: this is a bug in layerscope; run again with --debug and report the output',
    ]);
    expect(capture(bug, true).lines.length).toBeGreaterThan(2);
  });
});
