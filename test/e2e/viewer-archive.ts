// The image the viewer's terminal tests explore, a real `docker save` archive written by the project's
// archive writer: a text file to page and search, a file whose bytes are hostile to a terminal (colour,
// OSC 52 clipboard, title, invalid UTF-8), a binary file, and a second layer that modifies the text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';

/** 300 lines "line N", with " needle" on lines 100, 200 and 300. */
export const NOTES = Array.from({ length: 300 }, (_, i) => `line ${i + 1}${(i + 1) % 100 === 0 ? ' needle' : ''}\n`).join('');
export const HOSTILE_CONTENT = Buffer.concat([
  Buffer.from('\x1b[31mRED\x1b[0m\n\x1b]52;c;cHduZWQ=\x07\n\x1b]0;PWNED-TITLE\x07\n'),
  Buffer.from([0xff, 0xfe]),
  Buffer.from(' bad\n'),
]);
/** An ELF-like head with NULs: shown as hex. */
export const BLOB = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1b, 0x5b, 0x32, 0x4a]);

/** Rows of layer 1's tree: bin, blob.bin, etc, hostile.txt, notes.txt. */
export function writeViewerArchive(): string {
  const archive = writeImageArchive(
    {
      repoTags: ['viewer:test'],
      layers: [
        {
          command: '/bin/sh -c #(nop) ADD file:base in /',
          entries: [
            { path: 'bin', type: 'dir' },
            { path: 'bin/blob.bin', content: BLOB },
            { path: 'etc', type: 'dir' },
            { path: 'etc/hostile.txt', content: HOSTILE_CONTENT },
            { path: 'etc/notes.txt', content: NOTES },
          ],
        },
        {
          command: '/bin/sh -c sed -i s/line 2$/LINE TWO/ /etc/notes.txt',
          entries: [{ path: 'etc/notes.txt', content: NOTES.replace('line 2\n', 'LINE TWO\n') }],
        },
      ],
    },
    'docker-legacy',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'ls-e2e-viewer-')), 'viewer.tar');
  writeFileSync(path, archive);
  return path;
}
