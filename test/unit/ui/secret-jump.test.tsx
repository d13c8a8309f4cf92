// Secrets in the explorer: files with findings marked in the tree, and Enter on a finding in the image
// pane going to its file at the layer that wrote it, with nothing left hiding it.
import { describe, expect, it } from 'vitest';
import { KEYS, renderExplorer, sampleImage } from './harness.js';

function imageWithSecret() {
  const { image, trees } = sampleImage();
  const passwd = image.paths.find('etc/passwd')!;
  // Layer 2 (index 1) rewrote /etc/passwd with a secret in it; layer 3 deleted it.
  const secrets = {
    findings: [{ rule: 'private-key', path: passwd, layer: 1, redacted: '----…(1675 chars)' }],
    configFindings: [],
    scannedFiles: 3,
    skippedBinary: 0,
    skippedLarge: 0,
    skippedSystem: 0,
  };
  return { image: { ...image, secrets }, trees };
}

describe('secrets in the explorer', () => {
  it('marks the file in the tree, and Enter on its line goes to it at the layer that wrote it', async () => {
    const { image, trees } = imageWithSecret();
    const r = renderExplorer({ image, trees }, { columns: 120, rows: 30 });
    let f = await r.waitForFrame((x) => x.includes('Layers 1/3'));
    expect(f).toContain('passwd [secret]');
    expect(f).toContain('private-key  /etc/passwd  [----…');
    // Tab Tab: the image pane; hide added files first so the jump must show them again.
    await r.press(KEYS.tab);
    await r.press(KEYS.ctrl('a'));
    await r.press(KEYS.tab);
    await r.press('j'); // the summary line up and away: the finding is the top line
    f = await r.press(KEYS.enter, (x) => x.includes('Layers 2/3'));
    // The tree has the keyboard (its title marked), and the cursor row (>) is the secret's file.
    expect(f).toMatch(/▶ Layer contents/);
    expect(f).toMatch(/^.*│>.*passwd \[secret\]/m);
    r.app.unmount();
  });

  it('Enter on a line that names no file does nothing', async () => {
    const r = renderExplorer();
    await r.waitForFrame((x) => x.includes('Layers 1/3'));
    await r.press(KEYS.tab);
    await r.press(KEYS.tab);
    r.app.stdin.write(KEYS.enter);
    await r.press(KEYS.tab); // the keys after it still act: focus moves on, nothing else changed
    expect(r.frame()).toContain('Layers 1/3');
    r.app.unmount();
  });
});
