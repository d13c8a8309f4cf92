import { describe, expect, it } from 'vitest';
import { printError, printNotice, printWarnings } from '../../../src/cli/print-error.js';
import { LayerscopeError } from '../../../src/core/errors.js';

function capture(err: unknown, debug = false) {
  let out = '';
  const code = printError(err, debug, (s) => (out += s));
  return { code, out, lines: out.trimEnd().split('\n') };
}

// Everything a terminal could act on: C0 (ESC, BEL, CR, LF…), DEL, C1, bidi overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'tag\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x1b[2J\u009b31m\r\nline2\u202Etxt';

describe('printError', () => {
  it('prints an expected failure as one line and a hint, exit 2', () => {
    const { code, lines } = capture(new LayerscopeError('archive', 'archive ends in the middle of layer 3', 'the file is truncated'));
    expect(code).toBe(2);
    expect(lines).toEqual(['layerscope: archive ends in the middle of layer 3', '  hint: the file is truncated']);
  });

  it('shows a newline as \\x0a, so a name cannot split the one line', () => {
    expect(capture(new LayerscopeError('config', 'bad config:\n- a\n- b')).lines).toEqual(['layerscope: bad config:\\x0a- a\\x0a- b']);
  });

  it('escapes image data in the message and the hint: every hostile byte visible, none raw', () => {
    const { out, lines } = capture(new LayerscopeError('source', `no image named '${HOSTILE}'`, `use one of: oci:DIR:${HOSTILE}`));
    expect(lines).toEqual([
      "layerscope: no image named 'tag\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x0aline2\\u{202e}txt'",
      '  hint: use one of: oci:DIR:tag\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x0aline2\\u{202e}txt',
    ]);
    expect(out).not.toMatch(UNSAFE);
  });

  it('escapes internal errors and --debug stacks too (a cause may quote image data)', () => {
    const bug = new TypeError(`cannot read ${HOSTILE}`);
    const plain = capture(bug);
    expect(plain.lines[0]).toBe(
      `layerscope: internal error: cannot read tag\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x0aline2\\u{202e}txt`,
    );
    expect(plain.out).not.toMatch(UNSAFE);
    expect(capture(bug, true).out).not.toMatch(UNSAFE);
    const wrapped = new LayerscopeError('archive', 'corrupt', 'again', { cause: bug });
    const debug = capture(wrapped, true);
    expect(debug.out).toContain('cannot read tag\\x1b]52');
    expect(debug.out).not.toMatch(UNSAFE);
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

describe('printWarnings', () => {
  it('prints one escaped line per warning', () => {
    let out = '';
    printWarnings(['plain', `dangling whiteout: layer 2 deletes '/${HOSTILE}'`], (s) => (out += s));
    expect(out.split('\n')).toEqual([
      'layerscope: warning: plain',
      "layerscope: warning: dangling whiteout: layer 2 deletes '/tag\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x0aline2\\u{202e}txt'",
      '',
    ]);
  });
});

describe('printNotice', () => {
  // The registry fallback's line quotes the daemon's error, which quotes the reference as typed.
  it('prints one escaped line', () => {
    let out = '';
    printNotice(`image ${HOSTILE} is not in the Docker daemon; reading it from the registry instead`, (s) => (out += s));
    expect(out).toBe(
      'layerscope: image tag\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x0aline2\\u{202e}txt is not in the Docker daemon; reading it from the registry instead\n',
    );
  });
});
