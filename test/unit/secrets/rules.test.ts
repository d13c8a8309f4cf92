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

// The redacted form of a secret shorter than 16 characters shows none of it: 4 characters of a short
// password are most or all of it (an audit found .netrc's 'pw1' printed whole as 'pw1…(3 chars)').
describe('short secrets', () => {
  it.each([
    ['/root/.netrc', 'machine h login u password pw1\n', 'netrc-password', '…(3 chars)'],
    ['/root/.git-credentials', 'https://deploy:hunter2@git.example.com\n', 'git-credentials', '…(7 chars)'],
    ['/root/.pypirc', '[p]\nusername = u\npassword = Zq9!\n', 'pypirc-password', '…(4 chars)'],
    ['/root/.netrc', 'machine h login u password abcdefghijklmnop\n', 'netrc-password', 'abcd…(16 chars)'],
  ])('%s: %s is redacted as %s', (path, content, rule, redacted) => {
    expect(scan(path, content)).toEqual([{ rule, redacted }]);
  });
});

// Placeholders in docs and templates are not findings (the README says so): a token padded with one
// character failed the default gate (an audit found AKIAXXXXXXXXXXXXXXXX and ghp_ + 36 x reported).
describe('placeholders padded with one character', () => {
  it.each([
    ['/app/config', 'aws_access_key_id=AKIAXXXXXXXXXXXXXXXX\n'],
    ['/app/deploy.sh', `export GITHUB_TOKEN=ghp_${'x'.repeat(36)}\n`],
    ['/app/deploy.sh', `TOKEN=glpat-${'0'.repeat(20)}\n`],
    ['/root/.aws/credentials', `aws_secret_access_key = ${'X'.repeat(40)}\n`],
  ])('%s: %j is not a finding', (path, content) => {
    expect(scan(path, content)).toEqual([]);
  });
});
