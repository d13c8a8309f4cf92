// Certificates for a TCP+TLS daemon, made with openssl for each run: a CA, a server certificate for
// 127.0.0.1, a client certificate (DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem) and, for the
// failure tests, a second CA that signed nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './commands.js';

export interface TestCerts {
  /** DOCKER_CERT_PATH for a good client: ca.pem, cert.pem, key.pem. */
  readonly clientDir: string;
  /** Same client cert, but a ca.pem of a CA that did not sign the server. */
  readonly wrongCaDir: string;
  /** Only the right ca.pem: no client certificate. */
  readonly noClientCertDir: string;
  readonly caFile: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    ...KEY,
    '-keyout',
    join(dir, `${name}-key.pem`),
    '-out',
    join(dir, `${name}.pem`),
    '-days',
    '2',
    '-subj',
    `/CN=layerscope test ${name}`,
  ]);
}

async function signed(dir: string, name: string, subject: string, extensions: string): Promise<void> {
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  await run('openssl', ['req', ...KEY, '-keyout', join(dir, `${name}-key.pem`), '-out', join(dir, `${name}.csr`), '-subj', subject]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca-key.pem'),
    '-CAcreateserial',
    '-out',
    join(dir, `${name}-cert.pem`),
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
}

async function copy(from: string, to: string): Promise<void> {
  await run('cp', [from, to]);
}

/** `dnsNames`: host names the server certificate is also for, beside 127.0.0.1 (the proxy test's). */
export async function makeTestCerts(dir: string, dnsNames: readonly string[] = []): Promise<TestCerts> {
  mkdirSync(dir, { recursive: true });
  await makeCa(dir, 'ca');
  await makeCa(dir, 'other-ca');
  const names = ['IP:127.0.0.1', ...dnsNames.map((name) => `DNS:${name}`)].join(',');
  await signed(dir, 'server', '/CN=127.0.0.1', `subjectAltName=${names}\nextendedKeyUsage=serverAuth\n`);
  await signed(dir, 'client', '/CN=layerscope-client', 'extendedKeyUsage=clientAuth\n');
  const clientDir = join(dir, 'client');
  const wrongCaDir = join(dir, 'wrong-ca');
  const noClientCertDir = join(dir, 'no-client-cert');
  for (const d of [clientDir, wrongCaDir, noClientCertDir]) mkdirSync(d);
  for (const d of [clientDir, wrongCaDir]) {
    await copy(join(dir, 'client-cert.pem'), join(d, 'cert.pem'));
    await copy(join(dir, 'client-key.pem'), join(d, 'key.pem'));
  }
  await copy(join(dir, 'ca.pem'), join(clientDir, 'ca.pem'));
  await copy(join(dir, 'ca.pem'), join(noClientCertDir, 'ca.pem'));
  await copy(join(dir, 'other-ca.pem'), join(wrongCaDir, 'ca.pem'));
  return {
    clientDir,
    wrongCaDir,
    noClientCertDir,
    caFile: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
  };
}
