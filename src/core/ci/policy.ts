// The CI policy beyond thresholds: which secret findings are allowed (by path glob, rule id, or for the
// image config's, the name of the variable or label that holds it), which
// paths may not be in the final image (`paths.block`) and which may not be wasted (`paths.no-waste`).
// Parsed from the rules file's `secrets:` and `paths:` sections; measured by the rules in rules.ts.
import type { ImageModel } from '../model.js';
import { pathHistories } from '../path-histories.js';
import type { PathId } from '../path-table.js';
import { SECRET_RULES } from '../secrets/rules.js';
import { locateSecrets, type LocatedSecret } from '../secrets/image-secrets.js';
import type { ConfigSecretFinding } from '../secrets/secret-types.js';
import type { ImageAnalysis } from '../tree-types.js';
import { wasteReasons, type WasteReason } from '../waste-reasons.js';
import { matchesAny, pathGlob, type PathGlob } from './glob.js';

export interface CiPolicy {
  readonly allowSecretPaths: readonly PathGlob[];
  readonly allowSecretRules: readonly string[];
  /** Globs of Env variables, build arguments and labels whose config findings are allowed. */
  readonly allowSecretNames: readonly PathGlob[];
  readonly block: readonly PathGlob[];
  readonly noWaste: readonly PathGlob[];
}

export const EMPTY_POLICY: CiPolicy = { allowSecretPaths: [], allowSecretRules: [], allowSecretNames: [], block: [], noWaste: [] };

/** What the policy rules found, computed once per run for the rules and the reports. */
export interface PolicyFindings {
  /** Undefined when the image was read without the secrets scan. */
  readonly secrets: readonly LocatedSecret[] | undefined;
  /** The image config's findings not allowed; undefined as `secrets` is. */
  readonly configSecrets: readonly ConfigSecretFinding[] | undefined;
  /** Allowed findings, files' and config's. */
  readonly allowedSecrets: number;
  /** Paths in the final image matching a block glob (no leading '/'). */
  readonly blockedPaths: readonly string[];
  /** Waste reasons whose path matches a no-waste glob. */
  readonly wastedProtected: readonly WasteReason[];
  /** How many globs each path rule had: a rule with none is skipped, not passed. */
  readonly blockGlobs: number;
  readonly noWasteGlobs: number;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function globList(value: unknown, where: string, problems: string[]): PathGlob[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const globs: PathGlob[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim() !== '') globs.push(pathGlob(item.trim()));
    else problems.push(`${where}: expected path globs (strings), got ${JSON.stringify(item)}`);
  }
  return globs;
}

function checkKeys(section: Record<string, unknown>, known: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(section)) {
    if (!known.includes(key)) problems.push(`${where}: unknown key '${key}' (expected ${known.join(', ')})`);
  }
}

/** The policy from a rules document's `secrets:` and `paths:` sections (absent sections: nothing). */
export function policyFromDocument(doc: unknown, origin: string): { policy: CiPolicy; problems: string[] } {
  const problems: string[] = [];
  if (!isMapping(doc)) return { policy: EMPTY_POLICY, problems };
  const allowSecretRules: string[] = [];
  let allowSecretPaths: PathGlob[] = [],
    allowSecretNames: PathGlob[] = [],
    block: PathGlob[] = [],
    noWaste: PathGlob[] = [];
  const secrets = doc.secrets;
  if (secrets !== undefined && secrets !== null) {
    if (!isMapping(secrets)) problems.push(`${origin}: 'secrets' must be a mapping with an 'allow:' section`);
    else {
      checkKeys(secrets, ['allow'], `${origin}: secrets`, problems);
      const allow = secrets.allow;
      if (allow !== undefined && allow !== null && !isMapping(allow))
        problems.push(`${origin}: secrets.allow must be a mapping of paths:, names: and rules:`);
      else if (isMapping(allow)) {
        checkKeys(allow, ['paths', 'names', 'rules'], `${origin}: secrets.allow`, problems);
        allowSecretPaths = globList(allow.paths, `${origin}: secrets.allow.paths`, problems);
        allowSecretNames = globList(allow.names, `${origin}: secrets.allow.names`, problems);
        const rules = allow.rules === undefined || allow.rules === null ? [] : Array.isArray(allow.rules) ? allow.rules : [allow.rules];
        const known = new Set(SECRET_RULES.map((r) => r.id));
        for (const rule of rules) {
          if (typeof rule === 'string' && known.has(rule)) allowSecretRules.push(rule);
          else problems.push(`${origin}: secrets.allow.rules: unknown rule ${JSON.stringify(rule)} (rules: ${[...known].join(', ')})`);
        }
      }
    }
  }
  const paths = doc.paths;
  if (paths !== undefined && paths !== null) {
    if (!isMapping(paths)) problems.push(`${origin}: 'paths' must be a mapping with block: and no-waste: globs`);
    else {
      checkKeys(paths, ['block', 'no-waste'], `${origin}: paths`, problems);
      block = globList(paths.block, `${origin}: paths.block`, problems);
      noWaste = globList(paths['no-waste'], `${origin}: paths.no-waste`, problems);
    }
  }
  return { policy: { allowSecretPaths, allowSecretRules, allowSecretNames, block, noWaste }, problems };
}

/**
 * Final-image files (anything but directories: an empty /root/.ssh is not a leak, a key in it is) that
 * match a block glob: candidates by name first, then whether they are visible at the end.
 */
function blockedPaths(image: ImageModel, block: readonly PathGlob[]): string[] {
  if (block.length === 0) return [];
  const candidates: PathId[] = [];
  for (let id = 1; id < image.paths.size; id++) {
    if (matchesAny(block, image.paths.path(id))) candidates.push(id);
  }
  const histories = pathHistories(image, candidates);
  return candidates
    .filter((id) => {
      const last = histories.get(id)?.at(-1);
      return last !== undefined && (last.change === 'added' || last.change === 'modified') && last.entry.kind !== 'dir';
    })
    .map((id) => image.paths.path(id))
    .sort();
}

/** secrets.allow: by rule id, or by a glob of the path. */
export const isAllowedSecret = (policy: CiPolicy, rule: string, path: string): boolean =>
  policy.allowSecretRules.includes(rule) || matchesAny(policy.allowSecretPaths, path);

/** The name `secrets.allow.names` matches: the variable's, argument's or label's; Cmd or Entrypoint for a token there. */
const allowName = (s: ConfigSecretFinding): string => s.name || (s.field === 'cmd' ? 'Cmd' : s.field === 'entrypoint' ? 'Entrypoint' : '');

/** secrets.allow for a config finding: by rule id, or by a glob of the name that holds it. */
export const isAllowedConfigSecret = (policy: CiPolicy, s: ConfigSecretFinding): boolean =>
  policy.allowSecretRules.includes(s.rule) || (allowName(s) !== '' && matchesAny(policy.allowSecretNames, allowName(s)));

export function policyFindings(image: ImageModel, analysis: ImageAnalysis, policy: CiPolicy): PolicyFindings {
  let secrets: LocatedSecret[] | undefined;
  let configSecrets: ConfigSecretFinding[] | undefined;
  let allowedSecrets = 0;
  if (image.secrets) {
    configSecrets = image.secrets.configFindings.filter((s) => !isAllowedConfigSecret(policy, s));
    allowedSecrets = image.secrets.configFindings.length - configSecrets.length;
    secrets = [];
    for (const s of locateSecrets(image)) {
      const allowed = isAllowedSecret(policy, s.rule, image.paths.path(s.path));
      if (allowed) allowedSecrets++;
      else secrets.push(s);
    }
  }
  const wastedProtected =
    policy.noWaste.length === 0 ? [] : wasteReasons(image, analysis).filter((r) => matchesAny(policy.noWaste, r.path));
  return {
    secrets,
    configSecrets,
    allowedSecrets,
    blockedPaths: blockedPaths(image, policy.block),
    wastedProtected,
    blockGlobs: policy.block.length,
    noWasteGlobs: policy.noWaste.length,
  };
}
