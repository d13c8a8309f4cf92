// The secret rules, as data. Each names where it comes from: the gitleaks rule id (config/gitleaks.toml,
// v8) or the trufflehog detector it follows, or the vendor's documentation of the file format. The rule
// sets on npm were not used: secretlint (@secretlint/secretlint-rule-preset-recommend) lints one file
// at a time through an async rule context built per file, which is far beyond a 15% budget on an image
// of 50k files; gitleaks' TOML is Go-regex (lookbehinds, (?i) groups) and needs translating anyway.
//
// `keywords` are the cheap prefilter (plain case-sensitive substrings; one must occur before the regex
// runs), `fileName` limits a rule to the files that hold such credentials, `allow` drops known examples.

export interface SecretRule {
  readonly id: string;
  readonly description: string;
  /** Where the pattern comes from. */
  readonly source: string;
  readonly keywords: readonly string[];
  /** Group `secret` (or the whole match) is the secret. Never global: one finding per rule and file. */
  readonly pattern: RegExp;
  /** Only files whose base name matches. */
  readonly fileName?: RegExp;
  /** A matched secret that is a documented example or a placeholder. */
  readonly allow?: RegExp;
}

export const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|x{3,}|\*{3,}|changeme|password|secret|example.*)$/i;

/**
 * A token padded with one character (AKIAXXXXXXXXXXXXXXXX, ghp_ and 36 x): a placeholder in docs and
 * templates. Eight in a row never come by chance in a random token (about 1 in 10^11 for 40 base-62
 * characters). Not for key material, whose base64 has runs of A for zero bytes.
 */
export const FILLER = /(.)\1{7}/;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key-pem',
    description: 'PEM private key (RSA, EC, DSA, PKCS#8)',
    source: 'gitleaks private-key',
    keywords: ['PRIVATE KEY-----'],
    pattern: /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----\s*(?<secret>[A-Za-z0-9+/=\s:,-]{64,}?)-----END/,
  },
  {
    id: 'private-key-openssh',
    description: 'OpenSSH private key',
    source: 'gitleaks private-key',
    keywords: ['BEGIN OPENSSH PRIVATE KEY'],
    pattern: /-----BEGIN OPENSSH PRIVATE KEY-----\s*(?<secret>[A-Za-z0-9+/=\s]{64,}?)-----END/,
  },
  {
    id: 'private-key-pgp',
    description: 'PGP private key block',
    source: 'gitleaks private-key',
    keywords: ['BEGIN PGP PRIVATE KEY BLOCK'],
    pattern: /-----BEGIN PGP PRIVATE KEY BLOCK-----[^\n]*\n(?:[A-Za-z-]+: [^\n]*\n)*\s*(?<secret>[A-Za-z0-9+/=\s]{64,}?)-----END/,
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    source: 'gitleaks aws-access-token',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    pattern: /\b(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    allow: new RegExp(`EXAMPLE$|${FILLER.source}`),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    source: 'trufflehog aws detector; AWS CLI credentials file docs',
    keywords: ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'SecretAccessKey'],
    pattern:
      /(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|SecretAccessKey)["']?\s*[=:]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/,
    allow: new RegExp(`EXAMPLEKEY$|${FILLER.source}`),
  },
  {
    id: 'gcp-service-account',
    description: 'GCP service-account key (JSON)',
    source: 'gitleaks gcp-service-account; Google Cloud IAM key file format',
    keywords: ['service_account'],
    pattern: /"type"\s*:\s*"service_account"[\s\S]*?"private_key_id"\s*:\s*"(?<secret>[a-f0-9]{40})"/,
  },
  {
    id: 'github-token',
    description: 'GitHub token (personal, OAuth, app, refresh, fine-grained)',
    source: 'gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/,
    allow: FILLER,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    source: 'gitleaks gitlab-pat',
    keywords: ['glpat-'],
    pattern: /\b(?<secret>glpat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/,
    allow: FILLER,
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    source: 'gitleaks npm-access-token',
    keywords: ['npm_'],
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/,
    allow: FILLER,
  },
  {
    id: 'pypi-token',
    description: 'PyPI upload token',
    source: 'gitleaks pypi-upload-token',
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    pattern: /(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})/,
    allow: FILLER,
  },
  {
    id: 'slack-token',
    description: 'Slack token (bot, user, app, config)',
    source: 'gitleaks slack-bot-token, slack-user-token, slack-app-token',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xapp-'],
    pattern: /\b(?<secret>xox[bpae]-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]{8,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{32,})/,
    allow: FILLER,
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe secret or restricted key',
    source: 'gitleaks stripe-access-token',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    pattern: /\b(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99})(?![A-Za-z0-9])/,
    allow: FILLER,
  },
  {
    id: 'docker-config-auth',
    description: 'registry credentials in a Docker config.json (auths.*.auth)',
    source: 'docker docs: docker login, config.json credentials store',
    keywords: ['"auths"'],
    fileName: /^config\.json$/,
    pattern: /"auths"\s*:\s*\{[\s\S]*?"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,}={0,2})"/,
  },
  {
    id: 'npmrc-auth',
    description: 'registry credentials in .npmrc',
    source: 'npm docs: npmrc auth-related configuration',
    keywords: ['_auth', '_password'],
    fileName: /^\.npmrc$/,
    pattern: /(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[^\s"']+)/,
    allow: PLACEHOLDER,
  },
  {
    id: 'pypirc-password',
    description: 'password in .pypirc',
    source: 'Python packaging docs: the .pypirc file',
    keywords: ['password'],
    fileName: /^\.pypirc$/,
    pattern: /^[ \t]*password[ \t]*[=:][ \t]*(?<secret>\S+)/m,
    allow: PLACEHOLDER,
  },
  {
    id: 'netrc-password',
    description: 'password in .netrc',
    source: 'GNU inetutils ftp: the .netrc file',
    keywords: ['password'],
    fileName: /^[._]netrc$/,
    pattern: /\bpassword[ \t]+(?<secret>\S+)/,
    allow: PLACEHOLDER,
  },
  {
    id: 'git-credentials',
    description: 'password in .git-credentials',
    source: 'git docs: git-credential-store storage format',
    keywords: ['@'],
    fileName: /^\.git-credentials$/,
    pattern: /\bhttps?:\/\/[^:@\s/]+:(?<secret>[^@\s]+)@/,
    allow: PLACEHOLDER,
  },
  {
    id: 'dotenv-secret',
    description: 'secret-named variable in a .env file',
    source: 'gitleaks generic-api-key (keyword list), dotenv format',
    keywords: ['SECRET', 'PASSWORD', 'PASSWD', 'TOKEN', 'API_KEY', 'PRIVATE_KEY', 'ACCESS_KEY'],
    fileName: /^\.env(?:\.[\w.-]+)?$/,
    pattern:
      /^[ \t]*(?:export[ \t]+)?[A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|ACCESS_KEY)[A-Z0-9_]*[ \t]*=[ \t]*["']?(?<secret>[^\s"'#]{8,})/m,
    allow: PLACEHOLDER,
  },
  {
    id: 'kubeconfig-client-key',
    description: 'client key embedded in a kubeconfig',
    source: 'Kubernetes docs: kubeconfig users[].user.client-key-data',
    keywords: ['client-key-data'],
    pattern: /\bclient-key-data:[ \t]*["']?(?<secret>[A-Za-z0-9+/]{20,}={0,2})/,
  },
];

/**
 * Trees a distribution's package manager owns, not scanned: what dpkg, rpm or apk installed is not where
 * a build leaks credentials, and these trees hold most of an image's text (the debian-apt bench fixture:
 * 14.8 MB of text files, 1.0 MB outside them). The system and toolchain directories are trivy's built-in allow rules
 * (pkg/fanal/secret/builtin-allow-rules.go: usr-dirs, golang, python, rubygems, node.js, locale-dir);
 * the package databases are layerscope's addition. Paths have no leading '/'.
 */
export const UNSCANNED_TREES =
  /^(?:usr\/(?:share|include|lib)\/|usr\/local\/go\/|usr\/local\/lib\/python[\d.]+\/|usr\/lib\/gems\/|opt\/yarn-v[\d.]+\/|var\/lib\/(?:dpkg|rpm|apk)\/|lib\/apk\/db\/|var\/lib\/apt\/lists\/)|\/locales?\//;
