import { describe, expect, it } from 'vitest';
import { parseDaemonHost } from '../../../src/io/daemon/endpoint.js';
import { resolvePodmanEndpoint } from '../../../src/io/daemon/resolve-podman-endpoint.js';
import { lookupReference } from '../../../src/io/daemon/image-reference.js';
import { sshArgs, sshReason } from '../../../src/io/daemon/ssh-connection.js';

describe('parseDaemonHost', () => {
  it.each([
    ['unix:///var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock' }],
    ['unix://', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    ['tcp://example.com:80', { kind: 'tcp', host: 'example.com', port: 80, url: 'tcp://example.com:80' }],
    ['tcp://:2375', { kind: 'tcp', host: '127.0.0.1', port: 2375 }],
    ['10.0.0.1:2375', { kind: 'tcp', host: '10.0.0.1', port: 2375 }],
    ['tcp://[::1]:2375', { kind: 'tcp', host: '::1', port: 2375, url: 'tcp://[::1]:2375' }],
    ['ssh://root@127.0.0.1:2222', { kind: 'ssh', user: 'root', host: '127.0.0.1', port: 2222, url: 'ssh://root@127.0.0.1:2222' }],
    ['ssh://box', { kind: 'ssh', host: 'box', user: undefined, port: undefined }],
  ])('%s', (text, expected) => {
    expect(parseDaemonHost(text, 'test')).toMatchObject(expected);
  });
  it('defaults tcp to 2376 with TLS', () => {
    expect(parseDaemonHost('tcp://h', 'test', { verify: true })).toMatchObject({ port: 2376 });
  });
  it.each(['npipe:////./pipe/docker_engine', 'fd://', 'http2://x', 'ssh://box/some/path'])('refuses %s', (text) => {
    expect(() => parseDaemonHost(text, 'test')).toThrow(/cannot use daemon host/);
  });
});

describe('resolvePodmanEndpoint', () => {
  it('prefers CONTAINER_HOST', () => {
    expect(resolvePodmanEndpoint({ env: { CONTAINER_HOST: 'unix:///tmp/p.sock' }, home: '/h', uid: 1000 })).toMatchObject({
      kind: 'unix',
      socketPath: '/tmp/p.sock',
      origin: 'CONTAINER_HOST',
    });
  });
  it('uses the root socket for uid 0', () => {
    expect(resolvePodmanEndpoint({ env: {}, home: '/root', uid: 0 })).toMatchObject({ socketPath: '/run/podman/podman.sock' });
  });
  it('uses XDG_RUNTIME_DIR for other users, /run/user/UID without it', () => {
    expect(resolvePodmanEndpoint({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, home: '/h', uid: 1000 })).toMatchObject({
      socketPath: '/run/user/1000/podman/podman.sock',
    });
    expect(resolvePodmanEndpoint({ env: {}, home: '/h', uid: 1001 })).toMatchObject({ socketPath: '/run/user/1001/podman/podman.sock' });
  });
  it('refuses podman over ssh with a hint', () => {
    expect(() => resolvePodmanEndpoint({ env: { CONTAINER_HOST: 'ssh://u@h/run/podman/podman.sock' }, home: '/h', uid: 0 })).toThrow(
      /not supported/,
    );
  });
});

describe('lookupReference', () => {
  it.each([
    ['busybox', 'busybox:latest'],
    ['busybox:1.36', 'busybox:1.36'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['app@sha256:' + 'a'.repeat(64), 'app@sha256:' + 'a'.repeat(64)],
    ['sha256:' + 'b'.repeat(64), 'sha256:' + 'b'.repeat(64)],
    ['f9fe8d26afb9', 'f9fe8d26afb9'],
  ])('%s → %s', (ref, expected) => {
    expect(lookupReference(ref)).toBe(expected);
  });
  it('refuses an empty reference', () => {
    expect(() => lookupReference(' ')).toThrow(/no image/);
  });
  it.each(['app:1\n', ' app:1', 'app :1', 'a\tb'])('refuses %j, which Docker refuses too (white space)', (ref) => {
    expect(() => lookupReference(ref)).toThrow(/holds white space/);
  });
  it.each(['/abs/path', 'a//b', 'dir/', './app', 'a/../b', 'a/.'])('refuses %s, a path no reference has', (ref) => {
    expect(() => lookupReference(ref)).toThrow(/is not an image reference/);
  });
});

describe('ssh', () => {
  it('runs dial-stdio with batch mode, user and port', () => {
    const args = sshArgs({ kind: 'ssh', host: 'h', user: 'root', port: 2222, url: '', origin: '' }, 5000);
    expect(args).toContain('BatchMode=yes');
    expect(args.slice(-7)).toEqual(['-p', '2222', '--', 'h', 'docker', 'system', 'dial-stdio']);
    expect(args).toContain('ConnectTimeout=5');
  });
  it('keeps the reason of ssh errors', () => {
    expect(sshReason('ssh: connect to host 127.0.0.1 port 2223: Connection refused\n')).toBe('Connection refused');
    expect(
      sshReason("Warning: Permanently added '[h]:22' (ED25519) to the list of known hosts.\nroot@h: Permission denied (publickey).\n"),
    ).toBe('root@h: Permission denied (publickey).');
  });
});
