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

/** Starts `work` on the turn after an explorer mounts: its first frame is drawn as it mounts. */
export function startAfterFirstFrame(work: (signal: AbortSignal) => Promise<void>, signal: AbortSignal): void {
  setImmediate(() => void work(signal).catch(() => undefined));
}
