// The explorer's image details list secrets (where each lives, redacted) and the fix for a wasted
// file, through Ink with ink-testing-library; the secret itself is in no frame.
import { describe, expect, test } from 'vitest';
import { analyzeImage } from '../../../src/core/analyze.js';
import { renderExplorer, KEYS } from '../ui/harness.js';
import { fakeSource } from '../ui/fake-trees.js';
import { buildModel } from '../../helpers/model-builder.js';
import { FAKE_CASES } from './fake-secrets.js';
import { imageListLines, imageListTargets } from '../../../src/presentation/details.js';

const npmrc = FAKE_CASES.find((c) => c.rule === 'npmrc-auth')!;

describe('image details: secrets and waste fixes', () => {
  test('lists the finding with its layers and redacted form, then the apt fix', async () => {
    const base = buildModel([
      {
        command: '/bin/sh -c #(nop) COPY file:1 in /app/.npmrc',
        entries: [
          { path: 'app/.npmrc', size: npmrc.content.length },
          { path: 'var/lib/apt/lists/x_Packages', size: 900 },
        ],
      },
      {
        command: '/bin/sh -c rm /app/.npmrc /var/lib/apt/lists/x_Packages',
        entries: [
          { path: 'app/.npmrc', kind: 'whiteout' },
          { path: 'var/lib/apt/lists/x_Packages', kind: 'whiteout' },
        ],
      },
    ]);
    const image = {
      ...base,
      secrets: {
        findings: [
          {
            rule: 'npmrc-auth',
            path: base.paths.find('app/.npmrc')!,
            layer: 0,
            redacted: `${npmrc.secret.slice(0, 4)}…(${npmrc.secret.length} chars)`,
          },
        ],
        configFindings: [],
        scannedFiles: 2,
        skippedBinary: 0,
        skippedLarge: 0,
        skippedSystem: 0,
      },
    };
    const r = renderExplorer(
      { image, analysis: analyzeImage(image), trees: fakeSource(image.paths, () => []) },
      { columns: 160, rows: 40 },
    );
    await r.press(KEYS.tab + KEYS.tab, (f) => f.includes('▶ Image:'));
    const frame = r.frame();
    expect(frame).toContain('Secrets, then inefficient files');
    expect(frame).toContain('Secrets: 1 found in 2 text files');
    expect(imageListLines(image, analyzeImage(image))[0]).toBe(
      'Secrets: 1 found in 2 text files and the image config (skipped 0 binary, 0 large, 0 in system trees)',
    );
    expect(frame).toContain(`npmrc-auth  /app/.npmrc  [${npmrc.secret.slice(0, 4)}…(36 chars)]  layer 1: del`);
    expect(imageListLines(image, analyzeImage(image))[1]).toBe(
      `  npmrc-auth  /app/.npmrc  [${npmrc.secret.slice(0, 4)}…(36 chars)]  layer 1: deleted in layer 2, still readable from layer 1`,
    );
    expect(frame).toMatch(/\/var\/lib\/apt\/lists\/x_Packages *│?\n\s+fix \(apt-cache\): RUN apt-get update/);
    expect(frame).not.toContain(npmrc.secret.slice(0, 8));
    r.app.unmount();
  });

  test("lists the config's secrets first, and Enter on one of them goes nowhere (no file holds it)", () => {
    const base = buildModel([{ command: 'COPY . /app', entries: [{ path: 'app/.npmrc', size: 40 }] }]);
    const path = base.paths.find('app/.npmrc')!;
    const image = {
      ...base,
      secrets: {
        findings: [{ rule: 'npmrc-auth', path, layer: 0, redacted: '…(9 chars)' }],
        configFindings: [
          { rule: 'npm-token', field: 'history' as const, name: 'NPM_TOKEN', step: 2, layer: 0, redacted: 'npm_…(40 chars)' },
        ],
        scannedFiles: 1,
        skippedBinary: 0,
        skippedLarge: 0,
        skippedSystem: 0,
      },
    };
    const lines = imageListLines(image, analyzeImage(image));
    expect(lines.slice(0, 3)).toEqual([
      'Secrets: 2 found in 1 text file and the image config (skipped 0 binary, 0 large, 0 in system trees)',
      '  npm-token  history step 3 NPM_TOKEN  [npm_…(40 chars)]  in the image history, the step of layer 1 (docker history shows it)',
      '  npmrc-auth  /app/.npmrc  […(9 chars)]  layer 1: still in the final image',
    ]);
    // Line 1 is the config's finding; the file's is line 2, where Enter goes to /app/.npmrc in layer 1.
    expect(imageListTargets(image)).toEqual([undefined, undefined, { layer: 0, path }]);
  });
});
