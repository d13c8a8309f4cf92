// Whether the daemon exported an image, asked of the daemon itself: every export is an image `save` event
// (`docker events`), over the time `work` ran.
import { run } from './commands.js';

/** What `work` gave, and the exports of `imageId` while it ran (other tests export their own meanwhile). */
export async function exportsDuring<T>(imageId: string, work: () => Promise<T>): Promise<{ result: T; exported: string[] }> {
  const since = (Date.now() / 1000).toFixed(3);
  const result = await work();
  const until = (Date.now() / 1000 + 0.001).toFixed(3);
  const filters = ['--filter', 'type=image', '--filter', 'event=save', '--format', '{{.Actor.ID}}'];
  const events = await run('docker', ['events', '--since', since, '--until', until, ...filters]);
  return { result, exported: events.stdout.split('\n').filter((id) => id === imageId) };
}
