// The new secrets of `diff --fail-on new-secrets` in each report: text lines, markdown rows, JSON, as
// the CI report shows findings (rule, path, redacted form, layer and where it is now); the image
// config's first, as the CI report lists them. Paths come from the image: escaped. Layers count from 1 in
// text and markdown, from 0 in JSON.
import type { NewSecret } from '../../core/image-diff/index.js';
import type { ConfigSecretFinding } from '../../core/secrets/secret-types.js';
import { markdownCell } from '../ci/markdown-report.js';
import { configSecretLines, configSecretPlaceText, configSecretWhere } from '../config-findings.js';
import { escapeName } from '../escape-name.js';
import { secretPlaceText } from '../findings.js';
import { absolutePath } from '../image-path.js';

export function newSecretLines(found: readonly NewSecret[], inConfig: readonly ConfigSecretFinding[] = []): string[] {
  const count = found.length + inConfig.length;
  if (count === 0) return ['New secrets in B: none (every finding of B is in A, or allowed)'];
  return [
    `New secrets in B (not in A): ${count}`,
    ...configSecretLines(inConfig).map((l) => `  ${l}`),
    ...found.map(
      (s) =>
        `  ${s.rule}  ${escapeName(absolutePath(s.pathText))}  [${escapeName(s.redacted)}]  layer ${s.layer + 1}: ${secretPlaceText(s)}`,
    ),
  ];
}

export function newSecretMarkdown(found: readonly NewSecret[], inConfig: readonly ConfigSecretFinding[] = []): string[] {
  const count = found.length + inConfig.length;
  if (count === 0) return ['**New secrets in B:** none', ''];
  return [
    `**New secrets in B (not in A):** ${count}`,
    '',
    '| rule | path | secret | layer | now |',
    '| --- | --- | --- | ---: | --- |',
    // The cell escapes the name itself: configSecretWhere is given it raw.
    ...inConfig.map(
      (s) =>
        `| ${markdownCell(s.rule)} | ${markdownCell(configSecretWhere(s, (t) => t))} | ${markdownCell(s.redacted)} | ${s.layer !== undefined ? s.layer + 1 : ''} | ${markdownCell(configSecretPlaceText(s))} |`,
    ),
    ...found.map(
      (s) =>
        `| ${markdownCell(s.rule)} | ${markdownCell(absolutePath(s.pathText))} | ${markdownCell(s.redacted)} | ${s.layer + 1} | ${markdownCell(secretPlaceText(s))} |`,
    ),
    '',
  ];
}

export function newSecretsJson(found: readonly NewSecret[]) {
  return found.map((s) => ({
    rule: s.rule,
    path: absolutePath(s.pathText),
    layerIndex: s.layer,
    redacted: s.redacted,
    inFinalImage: s.place.inFinalImage,
    ...(s.place.inFinalImage ? {} : { removedInLayer: s.place.goneAt, removedBy: s.place.how }),
  }));
}
