// Writing an async source into a tar-stream extract with backpressure, and running that next to the loop
// that reads the extract's entries, so a failure on either side stops both (no hang, no half result).
import type { Extract } from 'tar-stream';
import { isLayerscopeError } from '../../core/errors.js';

function drained(sink: Extract): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => { sink.off('drain', onDrain); sink.off('close', onClose); };
    const onDrain = (): void => { done(); resolve(); };
    const onClose = (): void => { done(); reject(new Error('tar parser closed')); };
    sink.on('drain', onDrain);
    sink.on('close', onClose);
  });
}

function finished(sink: Extract): Promise<void> {
  return new Promise((resolve, reject) => {
    let ok = false;
    sink.on('finish', () => { ok = true; resolve(); });
    sink.on('error', reject);
    sink.on('close', () => (ok ? resolve() : reject(new Error('tar parser closed'))));
  });
}

async function feed(source: AsyncIterable<Uint8Array>, sink: Extract, onChunk?: (chunk: Uint8Array) => void): Promise<void> {
  const done = finished(sink);
  done.catch(() => undefined);
  for await (const chunk of source) {
    onChunk?.(chunk);
    if (sink.destroyed) break;
    if (!sink.write(chunk)) await drained(sink);
  }
  sink.end(undefined);
  await done;
}

/**
 * Feeds `source` into `sink` while `consume` reads it. Rejects with the first real error: a source error
 * (truncated gzip, closed socket) is passed into the parser so `consume` sees it too.
 */
export async function feedAndConsume(
  source: AsyncIterable<Uint8Array>,
  sink: Extract,
  consume: () => Promise<void>,
  options: { onChunk?: (chunk: Uint8Array) => void; abortSource?: () => void } = {},
): Promise<void> {
  let feedError: unknown;
  const feeding = feed(source, sink, options.onChunk).catch((error: unknown) => {
    feedError = error;
    sink.destroy(error as Error);
  });
  try {
    await consume();
  } catch (error) {
    // A LayerscopeError from the reader is the most precise account (it names the layer), even when
    // the same failure also reached the feeding side first.
    const first = isLayerscopeError(error) ? error : feedError ?? error;
    sink.destroy();
    // The source may be waiting for bytes that never come (a stalled pipe): stop it too.
    options.abortSource?.();
    await feeding;
    throw first;
  }
  await feeding;
  if (feedError) throw feedError;
}
