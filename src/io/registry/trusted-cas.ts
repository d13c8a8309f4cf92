// The CAs a registry's certificate may chain to: Node's bundled roots, the system's bundle (Node 20
// ignores it unless started with --use-openssl-ca), and the files named by SSL_CERT_FILE and
// NODE_EXTRA_CA_CERTS (Node reads the latter itself, but not once we pass our own `ca` list).
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { LayerscopeError } from '../../core/errors.js';

/** Where Debian/Ubuntu, Fedora/RHEL, Alpine and openSUSE keep the system bundle. */
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/cert.pem',
  '/etc/ssl/ca-bundle.pem',
];

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const PEM_CERTIFICATE = /-----BEGIN (?:TRUSTED )?CERTIFICATE-----[^-]+-----END (?:TRUSTED )?CERTIFICATE-----/g;
const bare = (pem: string): string => pem.replace(/\s+/g, '');

/**
 * The system bundle's certificates that Node does not bundle already. Each one given is parsed again
 * when the TLS context is built: Debian's bundle repeats 122 of Node's 144 roots, and parsing both
 * took 42 ms of every registry read, 20 ms without the repeats.
 */
function notBundled(system: string): string[] {
  const bundled = new Set(rootCertificates.map(bare));
  return (system.match(PEM_CERTIFICATE) ?? []).filter((pem) => !bundled.has(bare(pem)));
}

/** `extraFiles`: SSL_CERT_FILE, NODE_EXTRA_CA_CERTS (as set; a named file that cannot be read is an error). */
export function trustedCas(extraFiles: readonly (string | undefined)[], systemBundles: readonly string[] = SYSTEM_BUNDLES): string[] {
  const cas = [...rootCertificates];
  const system = systemBundles.map(readIfThere).find((text) => text !== undefined);
  if (system) cas.push(...notBundled(system));
  for (const file of extraFiles) {
    if (!file) continue;
    const text = readIfThere(file);
    if (text === undefined)
      throw new LayerscopeError('config', `cannot read the CA file ${file}`, 'fix SSL_CERT_FILE / NODE_EXTRA_CA_CERTS, or unset it');
    cas.push(text);
  }
  return cas;
}
