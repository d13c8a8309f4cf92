import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../src/cli/progress-line.js';

function fakeStream(isTTY: boolean, columns = 80) {
  const written: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progressLine', () => {
  it('writes nothing when stderr is not a terminal (logs and CI stay clean)', () => {
    const { stream, written } = fakeStream(false);
    const line = progressLine(stream, 'app:1');
    line.update({ bytesRead: 1000, bytesTotal: 2000, layersDone: 1, layersTotal: 3 });
    line.done();
    expect(written).toEqual([]);
  });

  it('overwrites one line with bytes of the expected total and layers done, and erases it when done', () => {
    const { stream, written } = fakeStream(true);
    const line = progressLine(stream, 'app:1');
    line.update({ bytesRead: 1_500_000, bytesTotal: 3_000_000, layersDone: 1, layersTotal: 3 });
    line.update({ bytesRead: 3_000_000, bytesTotal: 3_000_000, layersDone: 3, layersTotal: 3 });
    line.done();
    expect(written).toEqual([
      '\r\x1b[2Kreading app:1: 1.5 MB of 3.0 MB, 1/3 layers',
      '\r\x1b[2Kreading app:1: 3.0 MB of 3.0 MB, 3/3 layers',
      '\r\x1b[2K',
    ]);
  });

  it('says what it waits on before the first byte, then counts bytes as usual', () => {
    const { stream, written } = fakeStream(true);
    const line = progressLine(stream, 'app:1');
    line.update({ bytesRead: 0, bytesTotal: 708_000_000, layersDone: 0, layersTotal: 3, waitingFor: 'the Docker daemon' });
    line.update({ bytesRead: 1_000_000, bytesTotal: 708_000_000, layersDone: 0, layersTotal: 3 });
    line.update({ bytesRead: 0, layersDone: 0, waitingFor: 'podman' });
    expect(written).toEqual([
      '\r\x1b[2Kreading app:1: waiting for the Docker daemon to export 708 MB',
      '\r\x1b[2Kreading app:1: 1.0 MB of 708 MB, 0/3 layers',
      '\r\x1b[2Kreading app:1: waiting for podman to export it',
    ]);
  });

  it('without a layer total: "1 layer", "2 layers"', () => {
    const { stream, written } = fakeStream(true, 120);
    const line = progressLine(stream, 'app:1');
    line.update({ bytesRead: 1_000_000, layersDone: 1 });
    line.update({ bytesRead: 2_000_000, layersDone: 2 });
    expect(written).toEqual(['\r\x1b[2Kreading app:1: 1.0 MB, 1 layer', '\r\x1b[2Kreading app:1: 2.0 MB, 2 layers']);
  });

  it('fits a narrow terminal and does without totals it does not know', () => {
    const { stream, written } = fakeStream(true, 30);
    progressLine(stream, 'a-very-long-image-name:with-a-tag').update({ bytesRead: 10, layersDone: 0 });
    expect(written[0]!.length - '\r\x1b[2K'.length).toBeLessThanOrEqual(29);
    expect(written[0]).toContain('reading a-very-long');
  });

  it('escapes the image name: a hostile name cannot retitle the terminal or write its clipboard', () => {
    const { stream, written } = fakeStream(true, 200);
    progressLine(stream, 'app\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\u009b\u202e').update({ bytesRead: 10, layersDone: 0 });
    expect(written).toEqual(['\r\x1b[2Kreading app\\x1b]0;pwned\\x07\\x1b]52;c;aGk=\\x07\\x9b\\u{202e}: 10 B, 0 layers']);
  });
});
