// Real-looking FAKE secrets, one per rule, each with a near miss that must not match. Shapes come from
// the vendors' documented formats (and gitleaks' rules), not from layerscope's patterns. Built from a
// seeded PRNG so nothing here is a real credential, yet every run sees the same strings.
import { prng } from '../../helpers/prng.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const BASE64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';

function chars(seed: number, alphabet: string, n: number): string {
  const next = prng(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** A base64 body in 64-column lines, as PEM and OpenSSH write it. */
function pemBody(seed: number, n: number): string {
  return chars(seed, BASE64, n).replace(/.{64}/g, '$&\n');
}

export interface FakeCase {
  readonly rule: string;
  /** Absolute path in the test image. */
  readonly path: string;
  readonly content: string;
  /** The secret as a scanner must never print it. */
  readonly secret: string;
  readonly nearMiss: { readonly path: string; readonly content: string };
}

const rsaBody = pemBody(1, 1600);
const opensshBody = pemBody(2, 900);
const pgpBody = pemBody(3, 1200);
const akid = `AKIA${chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
const awsSecret = chars(5, BASE64, 40);
const keyId = chars(6, HEX, 40);
const ghp = `ghp_${chars(7, ALNUM, 36)}`;
const glpat = `glpat-${chars(8, ALNUM, 20)}`;
const npmToken = `npm_${chars(9, ALNUM, 36)}`;
const pypi = `pypi-AgEIcHlwaS5vcmc${chars(10, ALNUM, 70)}`;
const slack = `xoxb-${chars(11, '0123456789', 12)}-${chars(12, '0123456789', 13)}-${chars(13, ALNUM, 24)}`;
const stripe = `sk_live_${chars(14, ALNUM, 24)}`;
const dockerAuth = Buffer.from(`deploy:${chars(15, ALNUM, 20)}`).toString('base64');
const npmrcToken = chars(16, ALNUM, 36);
const pypircPassword = chars(17, ALNUM, 24);
const netrcPassword = chars(18, ALNUM, 18);
const gitPassword = chars(19, ALNUM, 22);
const envSecret = chars(20, ALNUM, 32);
const kubeKey = Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${pemBody(21, 300)}`).toString('base64');

export const FAKE_CASES: readonly FakeCase[] = [
  {
    rule: 'private-key-pem',
    path: '/app/keys/server.key',
    secret: rsaBody.replace(/\n/g, ''),
    content: `-----BEGIN RSA PRIVATE KEY-----\n${rsaBody}\n-----END RSA PRIVATE KEY-----\n`,
    nearMiss: { path: '/app/keys/server.pub.pem', content: `-----BEGIN PUBLIC KEY-----\n${pemBody(31, 400)}\n-----END PUBLIC KEY-----\n` },
  },
  {
    rule: 'private-key-openssh',
    path: '/root/.ssh/id_ed25519',
    secret: opensshBody.replace(/\n/g, ''),
    content: `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody}\n-----END OPENSSH PRIVATE KEY-----\n`,
    // Documentation that names the header but holds no key.
    nearMiss: {
      path: '/srv/docs/ssh/README',
      content: 'A key file starts with -----BEGIN OPENSSH PRIVATE KEY----- and ends with -----END OPENSSH PRIVATE KEY-----.\n',
    },
  },
  {
    rule: 'private-key-pgp',
    path: '/root/.gnupg/secret.asc',
    secret: pgpBody.replace(/\n/g, ''),
    content: `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${pgpBody}\n-----END PGP PRIVATE KEY BLOCK-----\n`,
    nearMiss: {
      path: '/etc/apt/trusted.asc',
      content: `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${pemBody(33, 600)}\n-----END PGP PUBLIC KEY BLOCK-----\n`,
    },
  },
  {
    rule: 'aws-access-key-id',
    path: '/root/.aws/config',
    secret: akid,
    content: `[default]\naws_access_key_id = ${akid}\nregion = eu-west-1\n`,
    // AWS's documented example key id.
    nearMiss: { path: '/srv/docs/aws/example.txt', content: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
  },
  {
    rule: 'aws-secret-access-key',
    path: '/root/.aws/credentials',
    secret: awsSecret,
    content: `[default]\naws_secret_access_key = ${awsSecret}\n`,
    nearMiss: { path: '/srv/docs/aws/credentials.example', content: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' },
  },
  {
    rule: 'gcp-service-account',
    path: '/app/gcp-key.json',
    secret: keyId,
    content: JSON.stringify(
      {
        type: 'service_account',
        project_id: 'demo-project',
        private_key_id: keyId,
        client_email: 'ci@demo-project.iam.gserviceaccount.com',
      },
      null,
      2,
    ),
    nearMiss: {
      path: '/app/gcp-template.json',
      content: JSON.stringify({ type: 'service_account', project_id: 'demo-project', private_key_id: '' }, null, 2),
    },
  },
  {
    rule: 'github-token',
    path: '/app/deploy.sh',
    secret: ghp,
    content: `#!/bin/sh\ngit clone https://x-access-token:${ghp}@github.com/acme/app.git\n`,
    nearMiss: { path: '/app/notes.txt', content: `token ghp_${chars(37, ALNUM, 30)} was revoked\n` },
  },
  {
    rule: 'gitlab-token',
    path: '/app/ci.env.sh',
    secret: glpat,
    content: `export GITLAB_TOKEN=${glpat}\n`,
    nearMiss: { path: '/app/gitlab.md', content: 'Personal access tokens start with glpat- followed by 20 characters.\n' },
  },
  {
    rule: 'npm-token',
    path: '/app/publish.sh',
    secret: npmToken,
    content: `npm config set //registry.npmjs.org/:_authToken ${npmToken}\n`,
    nearMiss: { path: '/app/npm_notes.txt', content: 'see npm_config_cache and npm_lifecycle_event\n' },
  },
  {
    rule: 'pypi-token',
    path: '/app/upload.sh',
    secret: pypi,
    content: `twine upload -u __token__ -p ${pypi} dist/*\n`,
    nearMiss: { path: '/app/pypi.md', content: 'Tokens begin with pypi-AgEIcHlwaS5vcmc and are long.\n' },
  },
  {
    rule: 'slack-token',
    path: '/app/notify.py',
    secret: slack,
    content: `SLACK = "${slack}"\n`,
    nearMiss: { path: '/app/slack.md', content: 'Bot tokens look like xoxb-<team>-<bot>-<secret>.\n' },
  },
  {
    rule: 'stripe-secret-key',
    path: '/app/billing.js',
    secret: stripe,
    content: `const stripe = require('stripe')('${stripe}');\n`,
    // Publishable keys are meant to be public.
    nearMiss: { path: '/app/checkout.js', content: `Stripe('pk_live_${chars(38, ALNUM, 24)}');\n` },
  },
  {
    rule: 'docker-config-auth',
    path: '/root/.docker/config.json',
    secret: dockerAuth,
    content: JSON.stringify({ auths: { 'registry.example.com': { auth: dockerAuth } } }, null, '\t'),
    // Credentials kept in a helper: config.json names the registry only.
    nearMiss: {
      path: '/home/ci/.docker/config.json',
      content: JSON.stringify({ auths: { 'registry.example.com': {} }, credsStore: 'pass' }),
    },
  },
  {
    rule: 'npmrc-auth',
    path: '/app/.npmrc',
    secret: npmrcToken,
    content: `registry=https://registry.example.com/\n//registry.example.com/:_authToken=${npmrcToken}\n`,
    nearMiss: { path: '/srv/.npmrc', content: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
  },
  {
    rule: 'pypirc-password',
    path: '/root/.pypirc',
    secret: pypircPassword,
    content: `[distutils]\nindex-servers = private\n\n[private]\nrepository = https://pypi.example.com/\nusername = deploy\npassword = ${pypircPassword}\n`,
    nearMiss: { path: '/home/ci/.pypirc', content: '[pypi]\nusername = __token__\n' },
  },
  {
    rule: 'netrc-password',
    path: '/root/.netrc',
    secret: netrcPassword,
    content: `machine ftp.example.com login deploy password ${netrcPassword}\n`,
    nearMiss: { path: '/home/ci/.netrc', content: 'machine ftp.example.com login anonymous\n' },
  },
  {
    rule: 'git-credentials',
    path: '/root/.git-credentials',
    secret: gitPassword,
    content: `https://deploy:${gitPassword}@git.example.com\n`,
    nearMiss: { path: '/home/ci/.git-credentials', content: 'https://git.example.com\n' },
  },
  {
    rule: 'dotenv-secret',
    path: '/app/.env',
    secret: envSecret,
    content: `NODE_ENV=production\nDATABASE_PASSWORD=${envSecret}\n`,
    nearMiss: { path: '/srv/.env', content: 'NODE_ENV=production\nDATABASE_PASSWORD=${DB_PASSWORD}\nLOG_LEVEL=debug\n' },
  },
  {
    rule: 'kubeconfig-client-key',
    path: '/root/.kube/config',
    secret: kubeKey,
    content: `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${Buffer.from('cert').toString('base64')}\n    client-key-data: ${kubeKey}\n`,
    nearMiss: {
      path: '/home/ci/.kube/config',
      content: 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key: /etc/kubernetes/pki/admin.key\n',
    },
  },
];
