// `diff --fail-on new-secrets`: whether both images are scanned for secrets (only when the rule is asked:
// the scan costs a few percent of a read), and the secrets.allow list of --ci-config, when given (the
// same file as --ci's; only its allow list applies here).
import { LayerscopeError } from '../../core/errors.js';
import type { CiPolicy } from '../../core/ci/index.js';
import { newConfigSecrets, newSecrets, type ImageDiff } from '../../core/image-diff/index.js';
import type { ImageModel } from '../../core/model.js';
import { loadConfigFile } from '../ci/config-file.js';
import type { DiffOptions } from './diff-options.js';

export interface SecretGate {
  readonly scan: boolean;
  readonly policy?: CiPolicy;
}

export async function secretGateFrom(opts: DiffOptions, cwd: string): Promise<SecretGate> {
  const scan = opts.failOn.some((t) => t.rule === 'new-secrets');
  if (opts.ciConfig === undefined) return { scan };
  if (!scan) {
    throw new LayerscopeError(
      'usage',
      '--ci-config in diff only gives the secrets allow list of --fail-on new-secrets',
      'add --fail-on new-secrets, or leave --ci-config out',
    );
  }
  const file = await loadConfigFile(opts.ciConfig, cwd);
  if (file.problems.length > 0) {
    throw new LayerscopeError(
      'config',
      `invalid CI configuration: ${file.problems.join('; ')}`,
      'fix it and run again; the file is described in docs/ci.md',
    );
  }
  return { scan, ...(file.policy ? { policy: file.policy } : {}) };
}

/** The diff with B's new secrets, when they were looked for. */
export function withNewSecrets(diff: ImageDiff, a: ImageModel, b: ImageModel, gate: SecretGate): ImageDiff {
  return gate.scan ? { ...diff, newSecrets: newSecrets(a, b, gate.policy), newConfigSecrets: newConfigSecrets(a, b, gate.policy) } : diff;
}
