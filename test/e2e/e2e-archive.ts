// The image the terminal tests explore, written as a real `docker save` archive with the project's
// archive writer: a base with many files, a layer whose file names carry escape sequences and a byte
// that is not UTF-8 (they must reach the screen escaped), and a layer that deletes a directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';

export const HOSTILE_NAME = 'evil\x1b[31mRED\x07name';

/** Writes the archive into a fresh temporary directory and returns its path. */
export function writeE2eArchive(): string {
  const docs = Array.from({ length: 120 }, (_, i) => ({ path: `usr/share/doc/file-${String(i).padStart(3, '0')}.txt`, size: 100 + i }));
  const archive = writeImageArchive(
    {
      repoTags: ['e2e:test'],
      layers: [
        {
          command: '/bin/sh -c #(nop) ADD file:base in /',
          entries: [
            { path: 'bin', type: 'dir' },
            { path: 'bin/sh', size: 90000 },
            { path: 'bin/ls', type: 'symlink', linkTarget: 'sh' },
            { path: 'etc/passwd', size: 500 },
            ...docs,
          ],
        },
        {
          command: '/bin/sh -c install app',
          entries: [
            { path: 'etc/passwd', size: 700 },
            { path: 'opt/app/server.js', size: 40000 },
            { path: `opt/app/${HOSTILE_NAME}`, size: 10 },
            { path: Buffer.concat([Buffer.from('opt/app/bad-'), Buffer.from([0xff]), Buffer.from('-byte')]), size: 5 },
          ],
        },
        {
          command: '/bin/sh -c rm -rf /usr/share/doc',
          entries: [
            { path: 'usr/share/doc', type: 'whiteout' },
            { path: 'opt/app/server.js', size: 41000 },
          ],
        },
      ],
      emptySteps: [
        { command: '/bin/sh -c #(nop)  ENV A=1', after: 0 },
        { command: '/bin/sh -c #(nop)  CMD ["sh"]', after: 2 },
      ],
    },
    'docker-legacy',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'ls-e2e-')), 'e2e.tar');
  writeFileSync(path, archive);
  return path;
}
