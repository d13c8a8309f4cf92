// When `layerscope diff` opens the explorer and when it prints a report: the rule README and --help state.
import { describe, expect, it } from 'vitest';
import { diffOptionsFrom, diffProgram } from '../../../src/cli/diff/diff-options.js';

const parsed = (...args: string[]) => {
  const program = diffProgram().exitOverride();
  program.parse([...args, 'app:1', 'app:2'], { from: 'user' });
  return diffOptionsFrom(program);
};

describe('diff: explorer or report', () => {
  it('no report flag: the explorer (on a terminal; run-diff checks stdout)', () => {
    expect(parsed().explore).toBe(true);
  });
  it.each([
    [['--no-ui']],
    [['--json', 'x.json']],
    [['--format', 'text']],
    [['--format', 'markdown']],
    [['--all']],
    [['--fail-on', 'size-growth=1MB']],
  ])('%j asks for the report', (flags) => {
    expect(parsed(...flags).explore).toBe(false);
  });
  // JSON on stdout would drop the report the user asked for without a word (as --json - with --ci, refused).
  it('--json - with --format: refused, both would be stdout', () => {
    expect(() => parsed('--json', '-', '--format', 'markdown')).toThrow(/--json - and --format markdown both write to stdout/);
    expect(parsed('--json', 'x.json', '--format', 'markdown')).toMatchObject({ json: 'x.json', format: 'markdown' });
    expect(parsed('--json', '-')).toMatchObject({ json: '-' });
  });
  it('explorer flags: colour, ASCII guides, the key-binding file', () => {
    expect(parsed('--no-color', '--ascii', '--config', 'k.yaml')).toMatchObject({
      color: false,
      ascii: true,
      config: 'k.yaml',
      explore: true,
    });
    expect(parsed()).toMatchObject({ color: true, ascii: false });
  });
});
