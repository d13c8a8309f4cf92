// Every rule finds its fake secret, redacted, and stays quiet on its near miss. Expected redactions are
// written from the fake strings themselves (first 4 characters, length), not from the scanner.
import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../../src/core/secrets/rules.js';
import { rulesForPath, scanText } from '../../../src/core/secrets/scan-text.js';
import { FAKE_CASES } from './fake-secrets.js';

const scan = (path: string, content: string) => scanText(content, rulesForPath(path));

describe('secret rules', () => {
  it('has a fake case for every rule', () => {
    expect(new Set(FAKE_CASES.map((c) => c.rule))).toEqual(new Set(SECRET_RULES.map((r) => r.id)));
  });

  for (const c of FAKE_CASES) {
    it(`${c.rule}: finds ${c.path}, shows only its start and length`, () => {
      const found = scan(c.path, c.content).filter((f) => f.rule === c.rule);
      expect(found).toEqual([{ rule: c.rule, redacted: `${c.secret.slice(0, 4)}…(${c.secret.length} chars)` }]);
      expect(JSON.stringify(found)).not.toContain(c.secret.slice(0, 8));
    });
    it(`${c.rule}: near miss ${c.nearMiss.path} is not a finding`, () => {
      expect(scan(c.nearMiss.path, c.nearMiss.content)).toEqual([]);
    });
  }

  it('file-name rules apply only to their files', () => {
    const npmrc = FAKE_CASES.find((c) => c.rule === 'npmrc-auth')!;
    expect(scan('/app/npmrc.txt', npmrc.content)).toEqual([]);
    const env = FAKE_CASES.find((c) => c.rule === 'dotenv-secret')!;
    expect(scan('/app/.env.production', env.content).map((f) => f.rule)).toEqual(['dotenv-secret']);
  });
});
