// The filesystem a container of an image starts with, as Docker gives it (`docker export`): what the
// tests that claim to apply layers as Docker does compare themselves with.
import { execFileSync } from 'node:child_process';

const RUNTIME = /^(\.dockerenv|dev|proc|sys|etc)(\/|$)/; // what `docker create` adds; the test images use none of it

export type Kind = 'dir' | 'symlink' | 'file';
export interface Seen {
  files: Map<string, Kind>;
  bytes: number;
  regular: number;
}

/** The container filesystem as `docker export` gives it (GNU tar's listing: type letter, size, path). */
export function exported(tag: string): Seen {
  const id = execFileSync('docker', ['create', tag, '/none']).toString().trim();
  try {
    const listing = execFileSync('sh', ['-c', `docker export ${id} | tar -tv --numeric-owner`], { maxBuffer: 1 << 26 }).toString();
    const files = new Map<string, Kind>();
    let bytes = 0;
    let regular = 0;
    for (const line of listing.trim().split('\n')) {
      const m = /^(.)\S*\s+\S+\s+([\d,]+)\s+\S+\s+\S+\s+(.*?)(?: -> .*| link to .*)?$/.exec(line)!;
      const path = m[3]!.replace(/\/$/, '');
      if (RUNTIME.test(path)) continue;
      const kind: Kind = m[1] === 'd' ? 'dir' : m[1] === 'l' ? 'symlink' : 'file';
      files.set(path, kind);
      if (kind === 'file') {
        regular++;
        bytes += Number(m[2]);
      }
    }
    return { files, bytes, regular };
  } finally {
    execFileSync('docker', ['rm', id]);
  }
}
