// zstd through the `zstd` program when it is installed: Node 20 has no zstd in zlib, and the pure-JS
// decoder (fzstd) runs at ~80-200 MB/s where the program does ~1 GB/s. Still one streaming pass: the
// blob goes through a pipe, never to a file, and the program's memory is bounded by its window.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';

let available: boolean | undefined;

/** Whether a working `zstd` is on PATH (asked once). */
export function zstdProgramAvailable(): boolean {
  available ??= spawnSync('zstd', ['--version'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  return available;
}

/**
 * Compressed bytes in, decompressed bytes out. The output ends only when zstd exits 0: its stdout
 * closing is not success, the exit status says whether it read a whole, valid frame.
 */
class ZstdProcess extends Duplex {
  private readonly child: ChildProcessWithoutNullStreams = spawn('zstd', ['-d', '-c', '-q']);
  private stderr = '';

  constructor() {
    super();
    const { child } = this;
    child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.on('close', (code, signal) => {
      if (this.destroyed) return;
      if (code === 0) return void this.push(null);
      const why = this.stderr.trim().split('\n').pop() || `exited with ${signal ?? code}`;
      // zstd says why only in words: "Read error (39) : premature end" for a cut stream.
      const errorCode = /premature end|unexpected end|truncated/i.test(why) ? 'ZSTD_TRUNCATED' : 'ZSTD_CORRUPT';
      this.destroy(Object.assign(new Error(`zstd: ${why.replace(/^zstd: (\/\*stdin\*\\: )?/, '')}`), { code: errorCode }));
    });
    child.on('error', (error) => this.destroy(error));
    // A pipe closed because zstd died is reported by 'close' above, with zstd's reason.
    child.stdin.on('error', () => {});
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.child.stdin.write(chunk, () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin.end(done);
  }

  // A consumer that gives up (truncated outer archive, another layer failed) must not leave zstd running.
  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill();
    done(error);
  }
}

export const zstdProcessDecompress = (): Duplex => new ZstdProcess();
