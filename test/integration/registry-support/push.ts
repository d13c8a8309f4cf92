// Putting test images into a registry with skopeo, as a user would.
import { run } from '../daemon-support/commands.js';

export interface PushOptions {
  /** skopeo's --dest-compress-format (gzip, zstd). */
  readonly compress?: 'gzip' | 'zstd';
  /** --all: every image of an index. */
  readonly all?: boolean;
  readonly tls?: 'verify' | 'insecure';
  /** user:password for --dest-creds. */
  readonly creds?: string;
}

export async function skopeoPush(source: string, dest: string, opts: PushOptions = {}): Promise<void> {
  const args = ['copy', '--quiet', '--dest-tls-verify=' + (opts.tls === 'verify' ? 'true' : 'false')];
  if (opts.all) args.push('--all');
  if (opts.compress) args.push('--dest-compress', '--dest-compress-format', opts.compress);
  if (opts.creds) args.push('--dest-creds', opts.creds);
  await run('skopeo', [...args, source, `docker://${dest}`]);
}

/** `skopeo inspect --raw` (the manifest as stored) and the config, parsed. */
export async function skopeoInspect(ref: string, raw: boolean, extra: readonly string[] = []): Promise<Record<string, unknown>> {
  const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', ...(raw ? ['--raw'] : []), ...extra, `docker://${ref}`]);
  return JSON.parse(stdout) as Record<string, unknown>;
}
