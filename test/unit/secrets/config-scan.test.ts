// The image config's secrets: Env, labels, Cmd/Entrypoint and history (build arguments, commands), each
// found once, redacted, with where it is. Expected forms are worked by hand from the fake secrets' shapes
// (redacted = first 4 characters and the length, none shown under 16 characters).
import { describe, expect, it } from 'vitest';
import { redactCommand, scanImageConfig } from '../../../src/core/secrets/config-scan.js';
import type { HistoryStep } from '../../../src/core/model.js';
import { FAKE_CASES } from './fake-secrets.js';

const findingsOf = (config: unknown, history: readonly HistoryStep[]) => scanImageConfig(config, history).findings;
const secretOf = (rule: string): string => FAKE_CASES.find((c) => c.rule === rule)!.secret;
const ghp = secretOf('github-token'); // ghp_ + 36
const glpat = secretOf('gitlab-token'); // glpat- + 20
const npm = secretOf('npm-token'); // npm_ + 36
const akid = secretOf('aws-access-key-id'); // AKIA + 16
const stripe = secretOf('stripe-secret-key');

const step = (createdBy: string, layerIndex?: number): HistoryStep => ({ createdBy, ...(layerIndex !== undefined ? { layerIndex } : {}) });

describe('scanImageConfig', () => {
  const config = {
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_ENV=production', 'API_PASSWORD=Zq7vR2mK9pLx4T', `GH=${ghp}`, 'DB_PASSWORD=changeme'],
      Labels: { 'org.example.token': glpat, 'org.opencontainers.image.title': 'app' },
      Cmd: ['serve', `--stripe=${stripe}`],
      Entrypoint: ['/bin/app'],
    },
  };
  const history = [
    step('/bin/sh -c #(nop) COPY file:abc in /bin/busybox', 0),
    step('/bin/sh -c #(nop)  ARG NPM_TOKEN'),
    step(`|1 NPM_TOKEN=${npm} /bin/sh -c npm ci`, 1),
    step(`|1 NPM_TOKEN=${npm} /bin/sh -c npm run build`, 2),
    step('/bin/sh -c #(nop)  ENV API_PASSWORD=Zq7vR2mK9pLx4T'),
    step(`/bin/sh -c aws configure set aws_access_key_id ${akid}`, 3),
  ];

  it('finds each secret once, at the first place it shows, redacted', () => {
    expect(findingsOf(config, history)).toEqual([
      { rule: 'dotenv-secret', field: 'env', name: 'API_PASSWORD', redacted: '…(14 chars)' },
      { rule: 'github-token', field: 'env', name: 'GH', redacted: 'ghp_…(40 chars)' },
      { rule: 'gitlab-token', field: 'label', name: 'org.example.token', redacted: 'glpa…(26 chars)' },
      { rule: 'stripe-secret-key', field: 'cmd', name: '', redacted: `${stripe.slice(0, 4)}…(${stripe.length} chars)` },
      // The build argument on the first RUN that used it, not on the next; the ENV step repeats Env.
      { rule: 'npm-token', field: 'history', name: 'NPM_TOKEN', step: 2, layer: 1, redacted: 'npm_…(40 chars)' },
      { rule: 'aws-access-key-id', field: 'history', name: '', step: 5, layer: 3, redacted: 'AKIA…(20 chars)' },
    ]);
  });

  it('never returns the secret itself', () => {
    const text = JSON.stringify(findingsOf(config, history));
    for (const s of [ghp, glpat, npm, akid, stripe, 'Zq7vR2mK9pLx4T']) expect(text).not.toContain(s);
  });

  it('finds nothing in a config without secrets, or with none at all', () => {
    expect(findingsOf({ config: { Env: ['PATH=/bin', 'TOKEN_TTL=3600s', 'PASSWORD=<password>'] } }, [step('RUN make', 0)])).toEqual([]);
    expect(findingsOf(undefined, [])).toEqual([]);
    expect(findingsOf({ config: { Env: 'API_TOKEN=notalist123', Labels: ['x'], Cmd: 'serve' } }, [])).toEqual([]);
  });
});

describe('redactCommand', () => {
  it('shows a build argument or ENV value that holds a secret as its redacted form, and tokens where they are', () => {
    expect(redactCommand(`|2 NPM_TOKEN=${npm} MODE=prod /bin/sh -c npm ci`)).toBe(
      '|2 NPM_TOKEN=npm_…(40 chars) MODE=prod /bin/sh -c npm ci',
    );
    expect(redactCommand('/bin/sh -c #(nop)  ENV API_PASSWORD=Zq7vR2mK9pLx4T')).toBe('/bin/sh -c #(nop)  ENV API_PASSWORD=…(14 chars)');
    expect(redactCommand(`/bin/sh -c git clone https://${ghp}@github.com/o/r`)).toBe(
      '/bin/sh -c git clone https://ghp_…(40 chars)@github.com/o/r',
    );
  });

  it('leaves a command without secrets as it is', () => {
    for (const c of ['/bin/sh -c apt-get update', '|1 PASSWORD=changeme /bin/sh -c make', 'ENV TOKEN_TTL=3600'])
      expect(redactCommand(c)).toBe(c);
  });
});

// Cases an audit found: look-alike tokens under two names merged, build arguments with spaces printed
// raw, ordinary values flagged, placeholders flagged, lower-case and multi-line names missed.
describe('scanImageConfig, the audit cases', () => {
  const other = (s: string): string => s.slice(0, 4) + [...s.slice(4)].reverse().join('');

  it('two names holding look-alike tokens are two findings', () => {
    const found = findingsOf({ config: { Env: [`GITHUB_TOKEN=${ghp}`] } }, [
      step(`|1 DEPLOY_KEY=${other(ghp)} /bin/sh -c deploy`, 0),
      step(`|1 OTHER=${npm} /bin/sh -c a`, 1),
      step(`|1 THIRD=${other(npm)} /bin/sh -c b`, 2),
    ]);
    expect(found.map((f) => `${f.field} ${f.name} ${f.rule}`)).toEqual([
      'env GITHUB_TOKEN github-token',
      'history DEPLOY_KEY github-token',
      'history OTHER npm-token',
      'history THIRD npm-token',
    ]);
  });

  it('a build argument runs to the next one, the last to the command: spaces and all are found and redacted', () => {
    const run = '|2 API_TOKEN=Tr0ub4dor&3xyzzyq plugh DB_PASSWORD=correct horse battery staple /bin/busybox true';
    expect(findingsOf({}, [step(run, 0)]).map((f) => `${f.name} ${f.redacted}`)).toEqual([
      'API_TOKEN Tr0u…(22 chars)', // 'Tr0ub4dor&3xyzzyqplugh': the length without white space
      'DB_PASSWORD corr…(25 chars)',
    ]);
    expect(redactCommand(run)).toBe('|2 API_TOKEN=Tr0u…(22 chars) DB_PASSWORD=corr…(25 chars) /bin/busybox true');
    expect(redactCommand(`RUN |1 NPM_TOKEN=${npm} /bin/sh -c npm ci`)).toBe('RUN |1 NPM_TOKEN=npm_…(40 chars) /bin/sh -c npm ci');
  });

  it('values that only name, place or time a secret are not secrets, nor are placeholders', () => {
    const env = [
      'TOKEN_URL=https://example.com/oauth/token',
      'PASSWORD_FILE=/run/secrets/x',
      'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
      'SECRETS_DIR=/var/lib/secrets',
      'TOKEN_TTL=3600000000',
      'PASSWORD_MIN_LENGTH=12345678',
      'AUTH_TOKEN_HEADER=X-Auth-Token',
      'PASSWORD_HASH_ALGO=argon2id-v19',
      'JWT_SECRET=placeholder',
      'API_TOKEN=${API_TOKEN}',
      `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
    ];
    const history = [step('/bin/sh -c export SECRET_KEY=$(openssl rand -hex 32) && run', 0), step('ARG PASSWORD_FILE=/run/secrets/db')];
    expect(findingsOf({ config: { Env: env } }, history)).toEqual([]);
    expect(redactCommand(history[0]!.createdBy)).toBe(history[0]!.createdBy);
  });

  it('names in any case, a label with dots, a value with #, and a NAME=value line inside a value', () => {
    const found = findingsOf(
      {
        config: {
          Env: ['db_password=hunter2hunter2', 'DB_PASSWORD=pa#ssword1234', 'FOO=bar\nAPI_SECRET=LeakedOnSecondLine99'],
          Labels: { 'com.example.password': 'hunter2hunter2' },
        },
      },
      [],
    );
    expect(found.map((f) => `${f.field} ${f.name} ${f.redacted}`)).toEqual([
      'env db_password …(14 chars)',
      'env DB_PASSWORD …(13 chars)', // pa#ssword1234
      'env API_SECRET Leak…(20 chars)',
      'label com.example.password …(14 chars)',
    ]);
  });
});
