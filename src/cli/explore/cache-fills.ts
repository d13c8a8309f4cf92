// The layer cache filled once an explorer is drawn (io/archive/deferred-fill.ts), for both explorers:
// the option their read takes, the work started on the turn after the first frame, and the --debug line
// said once the terminal is back.
import { runFills, type DeferredFill } from '../../io/archive/deferred-fill.js';
import type { ReadOptions } from '../../io/read-options.js';

export class FillsAfterFirstFrame {
  private readonly fills: DeferredFill[] = [];
  private kept = 0;

  /** What the read takes: its layers' hashes are left here (none without a layer cache). */
  readOptions(withCache: boolean): Pick<ReadOptions, 'deferCacheFill'> {
    return withCache ? { deferCacheFill: (fill) => void this.fills.push(fill) } : {};
  }

  /** Runs the fills until done or `signal` aborts (quitting does not wait: a layer not kept is parsed next time). */
  readonly run = async (signal: AbortSignal): Promise<void> => {
    this.kept = await runFills(this.fills, signal);
  };

  /** The `--debug` line once the explorer has closed, when it had layers to fill. */
  debugLine(): string | undefined {
    const of = this.fills.length;
    return of > 0 ? `layerscope: debug: layer cache: ${this.kept} of ${of} layers kept after the first frame\n` : undefined;
  }
}

/**
 * The layer cache filled while a `--json` or `--ci` read goes on: a plain tar layer's hash is taken on a
 * worker thread beside the parse (io/archive/hash-worker.ts), and each fill runs as soon as it is handed
 * over. `settle` waits for them all before the command ends.
 */
export class FillsAlongside {
  private readonly running: Promise<boolean>[] = [];
  private kept = 0;

  readOptions(withCache: boolean): Pick<ReadOptions, 'hashAlongside'> {
    const never = new AbortController().signal;
    return withCache ? { hashAlongside: (fill) => void this.running.push(fill(never).catch(() => false)) } : {};
  }

  /** Resolves once every fill handed over has ended. */
  readonly settle = async (): Promise<void> => {
    this.kept = (await Promise.all(this.running)).filter(Boolean).length;
  };

  /** The `--debug` line once they have, when there were any. */
  debugLine(): string | undefined {
    const of = this.running.length;
    return of > 0 ? `layerscope: debug: layer cache: ${this.kept} of ${of} layers hashed on a second thread kept\n` : undefined;
  }
}

/** Starts `work` on the turn after an explorer mounts: its first frame is drawn as it mounts. */
export function startAfterFirstFrame(work: (signal: AbortSignal) => Promise<void>, signal: AbortSignal): void {
  setImmediate(() => void work(signal).catch(() => undefined));
}
