// The trusted CAs: Node's roots, the system bundle's certificates Node does not already have (each one
// given is parsed again when the TLS context is built), and the extra files, which must be readable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { trustedCas } from '../../../src/io/registry/trusted-cas.js';

const dir = mkdtempSync(join(tmpdir(), 'ls-cas-'));
/** A CA Node does not bundle, made by openssl for this test. */
function ownCa(name: string): string {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    ],
    { stdio: 'ignore' },
  );
  return execFileSync('cat', [cert], { encoding: 'utf8' });
}
const rewrapped = (pem: string): string => pem.replace(/\n/g, '\r\n').replace('-----\r\n', '-----\r\n\r\n');

describe('trustedCas', () => {
  const mine = ownCa('layerscope test CA');
  const bundle = join(dir, 'bundle.crt');
  // Two of Node's roots, one with other line endings, and one CA of our own, as a system bundle has them.
  writeFileSync(bundle, `# comment\n${rootCertificates[0]}\n${rewrapped(rootCertificates[7]!)}\n${mine}`);

  it("keeps Node's roots and adds only the system bundle's certificates Node does not have", () => {
    const cas = trustedCas([], [join(dir, 'absent.crt'), bundle]);
    expect(cas.slice(0, rootCertificates.length)).toEqual(rootCertificates);
    expect(cas.slice(rootCertificates.length).map((pem) => pem.trim())).toEqual([mine.trim()]);
    expect(() => createSecureContext({ ca: cas })).not.toThrow();
  });

  it('adds the extra files whole, and names one that cannot be read', () => {
    const extra = join(dir, 'extra.pem');
    writeFileSync(extra, mine);
    expect(trustedCas([undefined, extra], []).at(-1)).toBe(mine);
    expect(() => trustedCas([join(dir, 'missing.pem')], [])).toThrow(/cannot read the CA file .*missing\.pem/);
  });
});
