// The one-line messages and hints for socket, TLS and ssh failures (no daemon needed).
import { describe, expect, it } from 'vitest';
import { ConnectTimeoutError, connectFailure, tlsReason } from '../../../src/io/daemon/connection-errors.js';
import { describeSshFailure } from '../../../src/io/daemon/ssh-connection.js';
import { parseDaemonHost, type SshEndpoint } from '../../../src/io/daemon/endpoint.js';

const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });
const sock = parseDaemonHost('unix:///var/run/docker.sock', 'default socket');
const tcp = parseDaemonHost('tcp://10.0.0.1:2375', 'DOCKER_HOST');
const tls = parseDaemonHost('tcp://10.0.0.1', 'DOCKER_HOST', { verify: true });
const ssh: SshEndpoint = { kind: 'ssh', host: 'box', user: 'root', port: 2222, url: 'ssh://root@box:2222', origin: '--host' };

describe('connectFailure', () => {
  it('daemon not running on a socket', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED']) {
      const e = connectFailure(sock, 'docker', err(code), 'connecting');
      expect(e.message).toBe('cannot connect to the Docker daemon at unix:///var/run/docker.sock: is it running?');
      expect(e.hint).toMatch(/systemctl start docker/);
    }
  });
  it('socket without permission hints the docker group', () => {
    const e = connectFailure(sock, 'docker', err('EACCES'), 'connecting');
    expect(e.message).toBe('permission denied on unix:///var/run/docker.sock');
    expect(e.hint).toMatch(/docker group/);
  });
  it('podman gets podman words', () => {
    const e = connectFailure(sock, 'podman', err('ENOENT'), 'connecting');
    expect(e.message).toMatch(/^cannot connect to podman at .*: is its API service running\?$/);
    expect(e.hint).toMatch(/podman system service/);
  });
  it('unreachable tcp hosts say why and where the address came from', () => {
    expect(connectFailure(tcp, 'docker', err('ECONNREFUSED'), 'connecting').message).toMatch(/: connection refused$/);
    expect(connectFailure(tcp, 'docker', err('EHOSTUNREACH'), 'connecting').message).toMatch(/: host unreachable$/);
    const timeout = connectFailure(tcp, 'docker', new ConnectTimeoutError(5), 'connecting');
    expect(timeout.message).toMatch(/: no answer within 5 s$/);
    expect(timeout.hint).toContain('DOCKER_HOST');
  });
  it('a failure during the TLS handshake is a TLS failure; a refused connection is not', () => {
    expect(connectFailure(tls, 'docker', err('ECONNRESET'), 'handshaking').message).toMatch(/^TLS with the Docker daemon/);
    expect(connectFailure(tls, 'docker', err('ECONNREFUSED'), 'connecting').message).toMatch(/connection refused$/);
    expect(connectFailure(tls, 'docker', new ConnectTimeoutError(5), 'handshaking').message).toMatch(/no answer within 5 s$/);
  });
});

describe('tlsReason', () => {
  it('turns OpenSSL text into a sentence', () => {
    const alert = err(
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      '80AC88CA447F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n',
    );
    expect(tlsReason(alert)).toBe('the daemon rejected the client certificate (wrong one, or none sent)');
    expect(tlsReason(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'))).toBe(
      "the daemon's certificate is not signed by the CA in ca.pem (unable to verify the first certificate)",
    );
    expect(tlsReason(err('ERR_SSL_WRONG_VERSION_NUMBER', 'xx:SSL routines:ssl3_get_record:wrong version number:yy'))).toBe(
      'the server does not speak TLS',
    );
    expect(tlsReason(err('ERR_SSL_OTHER', 'aa:SSL routines:fn:some reason:bb\nmore'))).toBe('some reason');
  });
});

describe('describeSshFailure', () => {
  it('ssh itself failed (exit 255)', () => {
    const e = describeSshFailure(
      ssh,
      'docker',
      { code: 255 },
      'ssh: connect to host box port 2222: Connection refused\n',
      err('ECONNRESET'),
    );
    expect(e.message).toBe('ssh to ssh://root@box:2222 failed: Connection refused');
    expect(e.hint).toContain('ssh -p 2222 root@box docker version');
  });
  it('no ssh client', () => {
    const e = describeSshFailure(ssh, 'docker', { code: null, spawnError: err('ENOENT') }, '', err('EPIPE'));
    expect(e.message).toMatch(/no ssh client found/);
  });
  it('ssh worked but the remote docker did not', () => {
    const e = describeSshFailure(ssh, 'docker', { code: 127 }, 'sh: 1: docker: not found\n', err('ECONNRESET'));
    expect(e.message).toBe('the Docker daemon behind ssh://root@box:2222 did not answer: sh: 1: docker: not found');
  });
});
