// Secrets in the image config as text lines (beside the files' in findings.ts) and as JSON. Names come
// from the image: escaped. Steps and layers are numbered from 1 in text and from 0 in JSON, as files' are.
import type { ConfigField, ConfigSecretFinding } from '../core/secrets/secret-types.js';
import { escapeName } from './escape-name.js';

const FIELD: Record<ConfigField, string> = {
  env: 'Env',
  label: 'Label',
  cmd: 'Cmd',
  entrypoint: 'Entrypoint',
  history: 'history',
};

/** Where it is: `Env API_TOKEN`, `Label com.example.key`, `history step 4 NPM_TOKEN`, `Cmd`. */
export function configSecretWhere(s: ConfigSecretFinding, escape: (name: string) => string = escapeName): string {
  const field = s.field === 'history' ? `history step ${(s.step ?? 0) + 1}` : FIELD[s.field];
  return s.name ? `${field} ${escape(s.name)}` : field;
}

/** Who can read it: nobody needs a layer for either. */
export function configSecretPlaceText(s: ConfigSecretFinding): string {
  if (s.field !== 'history') return 'in the image config (docker inspect shows it)';
  const layer = s.layer !== undefined ? `, the step of layer ${s.layer + 1}` : '';
  return `in the image history${layer} (docker history shows it)`;
}

/** One line per finding, in the files' shape: rule, where, redacted form, who can read it. */
export function configSecretLines(found: readonly ConfigSecretFinding[]): string[] {
  return found.map((s) => `${s.rule}  ${configSecretWhere(s)}  [${escapeName(s.redacted)}]  ${configSecretPlaceText(s)}`);
}

export function configSecretsJson(found: readonly ConfigSecretFinding[]) {
  return found.map((s) => ({
    rule: s.rule,
    field: s.field,
    name: s.name,
    ...(s.step !== undefined ? { historyIndex: s.step } : {}),
    ...(s.layer !== undefined ? { layerIndex: s.layer } : {}),
    redacted: s.redacted,
  }));
}
