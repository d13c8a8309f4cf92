// A tiny tar writer that writes exactly the bytes we ask for. tar-stream's packer refuses names that are
// not plain ASCII and picks the long-name encoding itself; tests need names with any bytes and each of the
// three long-name encodings (USTAR prefix, PAX records, GNU L/K entries), so we write headers by hand.

export type TarType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';
/** How a name that does not fit the 100-byte field is written. */
export type LongNames = 'pax' | 'gnu' | 'ustar';

export interface TarEntry {
  /** The name as bytes (a string is written as UTF-8). */
  readonly name: string | Uint8Array;
  readonly type?: TarType;
  readonly content?: Uint8Array;
  readonly linkName?: string | Uint8Array;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Seconds since the epoch. */
  readonly mtime?: number;
  readonly longNames?: LongNames;
}

const TYPE_FLAGS: Record<TarType, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  char: '3',
  block: '4',
  dir: '5',
  fifo: '6',
};

const BLOCK = 512;
const bytes = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One 512-byte header block with a correct checksum. */
export function tarHeader(fields: {
  name: Uint8Array;
  typeFlag: string;
  size: number;
  linkName?: Uint8Array;
  prefix?: Uint8Array;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
}): Buffer {
  const block = Buffer.alloc(BLOCK);
  Buffer.from(fields.name.subarray(0, 100)).copy(block, 0);
  block.write(octal(fields.mode ?? 0o644, 8), 100, 'latin1');
  block.write(octal(fields.uid ?? 0, 8), 108, 'latin1');
  block.write(octal(fields.gid ?? 0, 8), 116, 'latin1');
  block.write(octal(fields.size, 12), 124, 'latin1');
  block.write(octal(fields.mtime ?? 0, 12), 136, 'latin1');
  block.write(fields.typeFlag, 156, 'latin1');
  if (fields.linkName) Buffer.from(fields.linkName.subarray(0, 100)).copy(block, 157);
  block.write('ustar\0' + '00', 257, 'latin1');
  if (fields.prefix) Buffer.from(fields.prefix.subarray(0, 155)).copy(block, 345);
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(octal(sum, 7) + ' ', 148, 'latin1');
  return block;
}

function padded(data: Uint8Array): Buffer[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [Buffer.from(data)] : [Buffer.from(data), Buffer.alloc(BLOCK - rest)];
}

/** A PAX record: "<len> key=value\n", where len counts itself. */
function paxRecord(key: string, value: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = body.length + 1;
  while (String(length).length + body.length > length) length++;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

/** Splits a long name at a '/' so that it fits USTAR's prefix (155) + name (100) fields. */
function ustarSplit(name: Uint8Array): { prefix: Uint8Array; name: Uint8Array } | undefined {
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] === 0x2f && i <= 155 && name.length - i - 1 <= 100) {
      return { prefix: name.subarray(0, i), name: name.subarray(i + 1) };
    }
  }
  return undefined;
}

/** Header blocks (including any long-name entries) and padded content of one entry. */
export function tarEntryBlocks(entry: TarEntry): Buffer[] {
  let name = bytes(entry.name);
  const type = entry.type ?? 'file';
  if (type === 'dir' && name[name.length - 1] !== 0x2f) name = Buffer.concat([name, Buffer.from('/')]);
  const link = entry.linkName === undefined ? undefined : bytes(entry.linkName);
  const content = entry.content ?? new Uint8Array(0);
  const common = { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime };
  const out: Buffer[] = [];
  const longName = name.length > 100;
  const longLink = link !== undefined && link.length > 100;
  let prefix: Uint8Array | undefined;
  const style = entry.longNames ?? 'pax';
  if ((longName || longLink) && style === 'gnu') {
    const gnu = (data: Uint8Array, flag: string): void => {
      const withNul = Buffer.concat([data, Buffer.alloc(1)]);
      out.push(tarHeader({ name: Buffer.from('././@LongLink'), typeFlag: flag, size: withNul.length }), ...padded(withNul));
    };
    if (longName) gnu(name, 'L');
    if (longLink) gnu(link!, 'K');
  } else if (longName && style === 'ustar' && !longLink) {
    const split = ustarSplit(name);
    if (!split) throw new Error(`name does not fit USTAR prefix + name: ${Buffer.from(name).toString()}`);
    ({ prefix, name } = split);
  } else if (longName || longLink) {
    const records = Buffer.concat([...(longName ? [paxRecord('path', name)] : []), ...(longLink ? [paxRecord('linkpath', link!)] : [])]);
    out.push(tarHeader({ name: Buffer.from('PaxHeader'), typeFlag: 'x', size: records.length }), ...padded(records));
  }
  const typeFlag = TYPE_FLAGS[type];
  out.push(tarHeader({ ...common, name, typeFlag, size: content.length, linkName: link, prefix }));
  if (content.length > 0) out.push(...padded(content));
  return out;
}

/** A whole tar: entries then the two zero blocks that mark its end. */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) parts.push(...tarEntryBlocks(entry));
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
