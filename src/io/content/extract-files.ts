// Writes files of an image into a directory without ever writing outside it, whatever the names say:
// every name is checked to be plain components (no '', '.', '..'), every parent is lstat'ed on the way
// down and must be a real directory (never a symlink, whether the image made it or it was there before),
// files are created with O_EXCL ('wx': fails on anything already there, a symlink included), modes keep
// only the permission bits (no setuid, setgid or sticky), and device nodes and fifos are skipped.
import { chmodSync, closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { chmod, mkdir, open, readFile, realpath, rm, symlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentReader } from '../../core/content.js';
import { checkFirst, componentsOf, exists, refuse, type ExtractItem, type Place } from './extract-check.js';
import { writeOrder } from './write-order.js';
import { makeDirs } from '../file/make-dirs.js';

export type { ExtractItem } from './extract-check.js';

export interface ExtractSummary {
  files: number;
  dirs: number;
  links: number;
  skipped: number;
}

const CHUNK = 1 << 20;
const PERMISSIONS = 0o777;

/** One extraction: where, from what, and what it has made so far. */
interface Run {
  readonly root: string;
  readonly reader: ContentReader;
  readonly force: boolean;
  readonly place: Place;
  /** The process's umask, when known (see writeFileBytes). */
  readonly umask: number | undefined;
  /** Directories made or found real (see parentsOf). */
  readonly checked: Set<string>;
  readonly summary: ExtractSummary;
}

/** The umask from /proc (Linux): reading it with process.umask() is deprecated. Undefined elsewhere. */
async function currentUmask(): Promise<number | undefined> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const m = /^Umask:\s+([0-7]+)$/m.exec(status);
  return m ? parseInt(m[1]!, 8) : undefined;
}

/**
 * Creates (or checks) each parent of `parts` under `root`: real directories only.
 * `checked`: directories this extraction made or found to be real ones, not looked at again (an lstat
 * per parent of every file was half the system calls of extracting /usr: 40k for 5.7k files).
 */
async function parentsOf(run: Run, parts: readonly string[], item: ExtractItem): Promise<string> {
  const { place, checked } = run;
  let at = run.root;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    at = join(at, part);
    if (checked.has(at)) continue;
    const info = await exists(at);
    if (!info) await mkdir(at, { mode: 0o755 });
    else if (!info.isDirectory()) {
      throw refuse(
        `refusing to extract ${item.shown}: ${place(parts.slice(0, i + 1))} is ${info.isSymbolicLink() ? 'a symlink' : 'not a directory'}, and nothing is written through it`,
        'extract into an empty directory (-o DIR)',
      );
    }
    checked.add(at);
  }
  return join(at, parts[parts.length - 1]!);
}

/** --force: what is at `target` goes, unless it is a directory (never removed recursively). */
async function clear(target: string, shown: string): Promise<void> {
  const info = await exists(target);
  if (info?.isDirectory()) throw refuse(`${shown} is a directory; not replaced even with --force`, 'extract elsewhere with -o DIR');
  if (info) await rm(target);
}

/**
 * open's mode goes through the umask, so a chmod after it says the permission bits exactly; it is
 * skipped when the umask took none of them (0644 and 0755 under 022): a system call per file less.
 */
const umaskTook = (mode: number, umask: number | undefined): boolean => umask === undefined || (mode & umask) !== 0;

/** A file made with exactly its permission bits, or removed again when its bytes fail to come. */
async function writeFileBytes(
  target: string,
  item: ExtractItem,
  umask: number | undefined,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const handle = await open(target, 'wx', item.entry.mode & PERMISSIONS);
  try {
    await write(handle);
  } catch (error) {
    // A file cut short is not left behind looking whole.
    await handle.close();
    await rm(target, { force: true });
    throw error;
  }
  await handle.close();
  const mode = item.entry.mode & PERMISSIONS;
  if (umaskTook(mode, umask)) await chmod(target, mode);
}

/**
 * A file under 1 MiB (its bytes already read) is written with blocking calls: through libuv's threads,
 * each of its four system calls cost a hand-off (133k futex calls for the 5.7k files of /usr, 80% of
 * the system time). Each takes microseconds, so the explorer's `x` still handles keys between files.
 */
function writeSmallFile(target: string, item: ExtractItem, umask: number | undefined, bytes: Uint8Array): void {
  const mode = item.entry.mode & PERMISSIONS;
  const fd = openSync(target, 'wx', mode);
  try {
    if (bytes.length > 0) writeSync(fd, bytes);
  } catch (error) {
    closeSync(fd);
    rmSync(target, { force: true });
    throw error;
  }
  closeSync(fd);
  if (umaskTook(mode, umask)) chmodSync(target, mode);
}

async function writeFile(run: Run, target: string, shown: string, item: ExtractItem): Promise<void> {
  const { reader, umask } = run;
  if (run.force) await clear(target, shown);
  const first = await reader.read(item.layer, item.path, 0, CHUNK);
  if (first.length < CHUNK) return writeSmallFile(target, item, umask, first);
  await writeFileBytes(target, item, umask, async (handle) => {
    await handle.write(first);
    for (let at = CHUNK; ; at += CHUNK) {
      const bytes = await reader.read(item.layer, item.path, at, CHUNK);
      if (bytes.length > 0) await handle.write(bytes);
      if (bytes.length < CHUNK) break;
    }
  });
}

/**
 * Checks everything first (checkFirst), then writes `items` (parents before children) under `dir`.
 */
export async function extractFiles(
  dir: string,
  items: readonly ExtractItem[],
  reader: ContentReader,
  force: boolean,
  show: (name: string) => string,
): Promise<ExtractSummary> {
  const place: Place = (parts) => join(dir, ...parts.map(show));
  await makeDirs(dir);
  const root = await realpath(dir);
  await checkFirst(root, items, reader, force, place);
  const summary: ExtractSummary = { files: 0, dirs: 0, links: 0, skipped: 0 };
  const run: Run = { root, reader, force, place, umask: await currentUmask(), checked: new Set(), summary };
  await writeAll(run, items);
  return summary;
}

async function writeAll(run: Run, items: readonly ExtractItem[]): Promise<void> {
  const { force, summary } = run;
  // Directories are made writable for the files that go in them, and get their own bits once all is
  // written, deepest first (as tar -x does), so that a read-only one does not stop what goes below it.
  const made: [path: string, mode: number][] = [];
  for (const item of writeOrder(items)) {
    const kind = item.entry.kind;
    if (kind === 'char' || kind === 'block' || kind === 'fifo') {
      summary.skipped++;
      continue;
    }
    const parts = componentsOf(item);
    const target = await parentsOf(run, parts, item);
    const shown = run.place(parts);
    if (kind === 'dir') {
      const info = await exists(target);
      if (info && !info.isDirectory()) {
        if (!force) throw refuse(`${shown} already exists; extraction stopped`, 'pass --force to overwrite');
        await clear(target, shown);
      }
      if (!info || !info.isDirectory()) {
        await mkdir(target, { mode: (item.entry.mode & PERMISSIONS) | 0o700 });
        made.push([target, item.entry.mode & PERMISSIONS]);
      }
      run.checked.add(target);
      summary.dirs++;
    } else if (kind === 'symlink') {
      if (force) await clear(target, shown);
      // Made, never followed: later writes lstat their parents and refuse symlinks.
      await symlink(item.entry.linkTarget ?? '', target);
      summary.links++;
    } else if (kind === 'file' || kind === 'hardlink') {
      await writeFile(run, target, shown, item);
      summary.files++;
    }
  }
  for (const [path, mode] of made.reverse()) await chmod(path, mode);
}
