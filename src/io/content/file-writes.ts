// Extract's writes of small files, a few at a time.
const FILES_IN_FLIGHT = 8;

/**
 * Small files are written a few at a time: each is four system calls on libuv's threads (open, write,
 * close, chmod), and one at a time most of an extract of /usr (5.7k files) was spent waiting on them.
 * Their bytes are read first, in order, so a compressed layer is still read front to back.
 */
export class FileWrites {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= FILES_IN_FLIGHT) await Promise.race(this.running);
    this.check();
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Waits for every write; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.running);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}
