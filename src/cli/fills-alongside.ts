// The layer cache filled beside the read for the commands that print a report (the explorers fill it
// after their first frame instead: explore/cache-fills.ts).
import type { ReadOptions } from '../io/read-options.js';
import { parseSize } from './commands/layer-store-setup.js';

/**
 * The layer cache filled while a `--json`, `--ci` or `diff` read goes on: the hashes of an archive's large
 * layers are taken on a worker thread beside the parse (io/archive/hash-alongside.ts), and each fill runs
 * as soon as it is handed over. `settle` waits for them all before the command ends.
 */
export class FillsAlongside {
  private readonly running: Promise<boolean>[] = [];
  private kept = 0;

  /** LAYERSCOPE_HASH_WORKER_MIN ('64M', '1G'): the least work for which the worker is started. */
  private readonly workerMin: number | undefined;

  constructor(env: NodeJS.ProcessEnv) {
    const min = env.LAYERSCOPE_HASH_WORKER_MIN;
    this.workerMin = min === undefined || min === '' ? undefined : parseSize(min, 'LAYERSCOPE_HASH_WORKER_MIN');
  }

  readOptions(withCache: boolean): Pick<ReadOptions, 'hashAlongside' | 'hashWorkerMinBytes'> {
    const never = new AbortController().signal;
    if (!withCache) return {};
    return {
      hashAlongside: (fill) => void this.running.push(fill(never).catch(() => false)),
      ...(this.workerMin !== undefined ? { hashWorkerMinBytes: this.workerMin } : {}),
    };
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
