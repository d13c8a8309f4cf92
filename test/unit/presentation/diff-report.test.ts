// Diff reports print names from two untrusted images: nothing raw may reach the terminal or break a cell.
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/core/analyze.js';
import { diffImages } from '../../../src/core/image-diff/index.js';
import { ImageTrees } from '../../../src/core/image-trees.js';
import type { ImageModel } from '../../../src/core/model.js';
import { renderDiffMarkdown, renderDiffText, signedBytes, signedPoints } from '../../../src/presentation/diff/index.js';
import { buildModel } from '../../helpers/model-builder.js';

const input = (image: ImageModel) => ({
  image,
  analysis: analyzeImage(image),
  finalTree: new ImageTrees(image).stackedTree(image.layers.length - 1),
});
const hostile = 'evil\x1b]52;c;cm0gLXJmIC8=\x07|`x`\n\u202e';

describe('diff reports', () => {
  const a = buildModel([{ entries: [{ path: 'ok', size: 1 }] }], `a${hostile}`);
  const b = buildModel([{ entries: [{ path: `d/${hostile}`, size: 5 }] }], `b${hostile}`);
  const diff = diffImages(input(a), input({ ...b, layers: [{ ...b.layers[0]!, diffId: 'sha256:b' }] }));

  it('text: every name escaped, one line per change', () => {
    const text = renderDiffText(diff, { all: true });
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e]/);
    expect(text).toContain('  + +5 B  /d/evil\\x1b]52;c;cm0gLXJmIC8=\\x07|`x`\\x0a\\u{202e}');
  });

  it('markdown: names cannot leave their cell', () => {
    const md = renderDiffMarkdown(diff, { all: true });
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e]/);
    expect(md).toContain('| + | +5 B | /d/evil\\\\x1b\\]52;c;cm0gLXJmIC8=\\\\x07\\|\\`x\\`\\\\x0a\\\\u{202e} | added |');
    // The names in the title are code spans: escaped once (a code span shows backslashes as they are),
    // fenced past the backticks inside them.
    expect(md.split('\n')[0]).toBe(
      '### layerscope diff: ``aevil\\x1b]52;c;cm0gLXJmIC8=\\x07|`x`\\x0a\\u{202e}`` → ``bevil\\x1b]52;c;cm0gLXJmIC8=\\x07|`x`\\x0a\\u{202e}``',
    );
  });

  it('markdown and text say alike where the histories part, nothing shared included', () => {
    // a and b share no layer (b's diff id was changed above).
    expect(renderDiffMarkdown(diff, { all: false })).toContain('Layers: 0 shared (same diff id). The histories part at the base layer.');
    expect(renderDiffText(diff, { all: false })).toContain('  The histories part at the base layer.');
    const same = diffImages(input(a), input(a));
    expect(renderDiffMarkdown(same, { all: false })).toContain('Layers: 1 shared (same diff id). Every layer is the same.');
  });

  it('signed sizes and points', () => {
    expect([signedBytes(0), signedBytes(1500), signedBytes(-999)]).toEqual(['0 B', '+1.5 kB', '-999 B']);
    expect([signedPoints(-0.0062), signedPoints(0.00001), signedPoints(0.5)]).toEqual(['-0.62 pt', '0 pt', '+50.00 pt']);
  });
});
