// The members of a tar archive written in code (ustar headers, no long names): name, where the data
// starts and its size. Tests use it to find a blob in an archive independently of the reader under test.
export interface TarMember {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

const field = (tar: Buffer, from: number, length: number): string => tar.toString('latin1', from, from + length).replace(/\0.*$/s, '');

export function tarMembers(tar: Buffer): TarMember[] {
  const members: TarMember[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = field(tar, at, 100);
    if (name === '') break;
    const size = parseInt(field(tar, at + 124, 12).trim() || '0', 8);
    members.push({ name, offset: at + 512, size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

/** The `blobs/sha256/<hex>` members that are gzip streams (an OCI archive's compressed layers), by hex. */
export const gzipBlobs = (tar: Buffer): (TarMember & { hex: string })[] =>
  tarMembers(tar)
    .filter((m) => m.name.startsWith('blobs/sha256/') && tar[m.offset] === 0x1f && tar[m.offset + 1] === 0x8b)
    .map((m) => ({ ...m, hex: m.name.slice('blobs/sha256/'.length) }));
