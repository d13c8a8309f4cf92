// `diff --fail-on new-secrets`: the secret findings of B that A does not have. A finding is the same
// when its rule, path and redacted form (first characters and length) are: the scan keeps nothing more
// of a secret (no hash of it, by design), so a key swapped for another with the same rule, path, first
// four characters and length at that path counts as the one A had. The layer it sits in does not
// matter: a rebuilt base layer still holds the same secret. A secret A had anywhere (even removed by a
// later layer) is not new.
import { isAllowedConfigSecret, isAllowedSecret, type CiPolicy } from '../ci/policy.js';
import type { ImageModel } from '../model.js';
import { locateSecrets, type LocatedSecret } from '../secrets/image-secrets.js';
import type { ConfigSecretFinding } from '../secrets/secret-types.js';

export interface NewSecret extends LocatedSecret {
  /** The path in B, as the path table holds it (relative, as every image path). */
  readonly pathText: string;
}

const keyOf = (rule: string, path: string, redacted: string): string => `${rule}\u0000${path}\u0000${redacted}`;

/** B's findings that A has not (each once, in layer then path order), less those `policy` allows. */
export function newSecrets(a: ImageModel, b: ImageModel, policy?: CiPolicy): NewSecret[] {
  const inA = new Set((a.secrets?.findings ?? []).map((f) => keyOf(f.rule, a.paths.path(f.path), f.redacted)));
  const seen = new Set<string>();
  const found: NewSecret[] = [];
  for (const s of locateSecrets(b)) {
    const pathText = b.paths.path(s.path);
    const key = keyOf(s.rule, pathText, s.redacted);
    if (inA.has(key) || seen.has(key)) continue;
    seen.add(key);
    if (policy && isAllowedSecret(policy, s.rule, pathText)) continue;
    found.push({ ...s, pathText });
  }
  return found;
}

/**
 * B's config findings that A's config has not, less those `policy` allows. The same when the rule, the
 * field, the name and the redacted form are: not the history step, which a rebuild may move.
 */
export function newConfigSecrets(a: ImageModel, b: ImageModel, policy?: CiPolicy): ConfigSecretFinding[] {
  const key = (f: ConfigSecretFinding): string => keyOf(f.rule, `${f.field}\u0000${f.name}`, f.redacted);
  const inA = new Set((a.secrets?.configFindings ?? []).map(key));
  return (b.secrets?.configFindings ?? []).filter((f) => !inA.has(key(f)) && !(policy && isAllowedConfigSecret(policy, f)));
}
