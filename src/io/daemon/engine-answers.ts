// Reading the daemon's answers: bounded bodies and its one-line error text.
import type { Readable } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';

/** Reads a (small) response body as text; bounded so a confused server cannot fill memory. */
export async function readText(res: Readable, limit = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.destroy();
      throw new LayerscopeError('source', `the daemon sent more than ${limit} bytes where a short answer was expected`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The daemon's error text: `{"message": …}` in JSON, or the first line of the plain body. */
export function daemonMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.trim();
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim().split('\n')[0] ?? '';
}
