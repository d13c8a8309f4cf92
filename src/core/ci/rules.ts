// The CI rules: dive's three, with its keys, defaults, comparisons and failure messages (so a
// `.dive-ci` keeps its meaning), and ours on what dive cannot measure. Each rule is data: what it
// measures, which way it fails, how its threshold is written.
import type { ImageModel } from '../model.js';
import type { ImageAnalysis } from '../tree-types.js';
import { parseByteSize, parseCount, parseRatio, type ParsedThreshold } from './thresholds.js';
import type { PolicyFindings } from './policy.js';

export type RuleId =
  | 'lowestEfficiency'
  | 'highestWastedBytes'
  | 'highestUserWastedPercent'
  | 'highestHonestWastedBytes'
  | 'highestHonestWastedPercent'
  | 'highestImageSize'
  | 'highestLayerCount'
  | 'secrets'
  | 'blockedPaths'
  | 'noWastePaths';

export type ThresholdKind = 'ratio' | 'bytes' | 'count';

export interface RuleDefinition {
  readonly id: RuleId;
  /** Other spellings seen in dive's history, besides the camel/kebab/snake forms of the id. */
  readonly aliases: readonly string[];
  readonly kind: ThresholdKind;
  /** 'min': fails when the measure is below the threshold; 'max': when it is above. Both strict. */
  readonly bound: 'min' | 'max';
  /** As a user would write it; 'disabled' skips the rule. */
  readonly defaultValue: string;
  /** True for the rules dive has (same key, same meaning). */
  readonly fromDive: boolean;
  readonly description: string;
  /** What it measures, in a few words (for --help). */
  readonly label: string;
  measure(analysis: ImageAnalysis, image: ImageModel, findings: PolicyFindings): number;
  /** Why the rule cannot be measured on this run (it is then skipped), if it cannot. */
  unmeasured?(image: ImageModel, findings: PolicyFindings): string | undefined;
  /** The FAIL line's explanation (dive's own wording for dive's rules). */
  failure(actual: number, threshold: number): string;
}

/** Honest waste relative to every byte the layers wrote; 0 for an empty image. */
export function honestWastedRatio(analysis: ImageAnalysis): number {
  const written = analysis.dive.sizeBytes;
  return written > 0 ? analysis.waste.totalBytes / written : 0;
}

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'lowestEfficiency',
    label: 'efficiency',
    aliases: ['lowest-efficiency-threshold'],
    kind: 'ratio',
    bound: 'min',
    defaultValue: '0.9',
    fromDive: true,
    description: "lowest allowed efficiency (dive's Σ smallest copy / Σ all copies of every path, 0..1)",
    measure: (a) => a.dive.efficiency,
    failure: (actual, t) => `image efficiency is too low (efficiency=${actual} < threshold=${t})`,
  },
  {
    id: 'highestWastedBytes',
    label: 'wasted bytes (dive)',
    aliases: [],
    kind: 'bytes',
    bound: 'max',
    defaultValue: 'disabled',
    fromDive: true,
    description: 'highest allowed dive wasted bytes (every copy of a path written by two or more layers)',
    measure: (a) => a.dive.wastedBytes,
    failure: (actual, t) => `too many bytes wasted (wasted-bytes=${actual} > threshold=${t})`,
  },
  {
    id: 'highestUserWastedPercent',
    label: 'share of user bytes wasted (dive)',
    aliases: [],
    kind: 'ratio',
    bound: 'max',
    defaultValue: '0.1',
    fromDive: true,
    description: 'highest allowed wasted bytes relative to the bytes added above the base layer (0..1)',
    measure: (a) => a.dive.userWastedPercent,
    // Go's %v of +Inf (dive-tally.ts says when it is infinite).
    failure: (actual, t) =>
      `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${actual === Infinity ? '+Inf' : actual} > threshold=${t})`,
  },
  {
    id: 'highestHonestWastedBytes',
    label: 'honest waste in bytes',
    aliases: [],
    kind: 'bytes',
    bound: 'max',
    defaultValue: 'disabled',
    fromDive: false,
    description: 'highest allowed bytes that layers wrote but the final image does not show (overwritten, deleted, hidden)',
    measure: (a) => a.waste.totalBytes,
    failure: (actual, t) => `too many bytes written that the final image does not show (honest-wasted-bytes=${actual} > threshold=${t})`,
  },
  {
    id: 'highestHonestWastedPercent',
    label: 'share of written bytes that is honest waste',
    aliases: [],
    kind: 'ratio',
    bound: 'max',
    defaultValue: 'disabled',
    fromDive: false,
    description: 'highest allowed share of all written bytes that the final image does not show (0..1)',
    measure: (a) => honestWastedRatio(a),
    failure: (actual, t) =>
      `too much of what the layers wrote is not in the final image (%-honest-wasted-bytes=${actual} > threshold=${t})`,
  },
  {
    id: 'highestImageSize',
    label: 'image size',
    aliases: [],
    kind: 'bytes',
    bound: 'max',
    defaultValue: 'disabled',
    fromDive: false,
    description: "highest allowed image size (sum of the layers' content bytes, as dive counts it)",
    measure: (a) => a.dive.sizeBytes,
    failure: (actual, t) => `image is too large (size-bytes=${actual} > threshold=${t})`,
  },
  {
    id: 'highestLayerCount',
    label: 'number of layers',
    aliases: [],
    kind: 'count',
    bound: 'max',
    defaultValue: 'disabled',
    fromDive: false,
    description: 'highest allowed number of layers',
    measure: (_a, image) => image.layers.length,
    failure: (actual, t) => `too many layers (layers=${actual} > threshold=${t})`,
  },
  {
    id: 'secrets',
    label: 'secrets found in any layer or the image config',
    aliases: [],
    kind: 'count',
    bound: 'max',
    defaultValue: '0',
    fromDive: false,
    description:
      'highest allowed number of secrets found in any layer (removed later or not) or in the image config (Env, labels, commands, history; secrets.allow excepted)',
    measure: (_a, _i, f) => (f.secrets?.length ?? 0) + (f.configSecrets?.length ?? 0),
    unmeasured: (_i, f) => (f.secrets === undefined ? 'secrets not scanned (--no-secret-scan)' : undefined),
    failure: (actual, t) => `secrets found in the image's layers or config (secrets=${actual} > threshold=${t})`,
  },
  {
    id: 'blockedPaths',
    label: 'final-image paths matching paths.block',
    aliases: [],
    kind: 'count',
    bound: 'max',
    defaultValue: '0',
    fromDive: false,
    description: 'highest allowed number of paths in the final image that match a paths.block glob',
    measure: (_a, _i, f) => f.blockedPaths.length,
    unmeasured: (_i, f) => (f.blockGlobs === 0 ? 'no paths.block globs configured' : undefined),
    failure: (actual, t) => `blocked paths are in the final image (blocked-paths=${actual} > threshold=${t})`,
  },
  {
    id: 'noWastePaths',
    label: 'wasted paths matching paths.no-waste',
    aliases: [],
    kind: 'count',
    bound: 'max',
    defaultValue: '0',
    fromDive: false,
    description: 'highest allowed number of wasted paths (inefficient files, directories deleted whole) that match a paths.no-waste glob',
    measure: (_a, _i, f) => f.wastedProtected.length,
    unmeasured: (_i, f) => (f.noWasteGlobs === 0 ? 'no paths.no-waste globs configured' : undefined),
    failure: (actual, t) => `paths that may not be wasted are (no-waste-paths=${actual} > threshold=${t})`,
  },
];

export function parseThreshold(kind: ThresholdKind, raw: unknown): ParsedThreshold {
  if (kind === 'ratio') return parseRatio(raw);
  if (kind === 'bytes') return parseByteSize(raw);
  return parseCount(raw);
}

/** True when `actual` breaks the rule (strict: a value equal to the threshold passes). */
export function breaks(rule: RuleDefinition, actual: number, threshold: number): boolean {
  return rule.bound === 'min' ? actual < threshold : actual > threshold;
}

/** 'lowestEfficiency' → 'lowest-efficiency'. */
export function kebabCase(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const squash = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');
const BY_SQUASHED = new Map<string, RuleDefinition>();
for (const rule of RULES) {
  BY_SQUASHED.set(squash(rule.id), rule);
  for (const alias of rule.aliases) BY_SQUASHED.set(squash(alias), rule);
}

/** The rule a config key names, in camelCase (dive < 0.13), kebab-case (dive >= 0.13) or snake_case. */
export function ruleForKey(key: string): RuleDefinition | undefined {
  return BY_SQUASHED.get(squash(key));
}
