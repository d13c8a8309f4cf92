// Every bad daemon condition, through the built CLI: one message line plus one hint line on stderr,
// exit code 2, within seconds — never a stack trace or a hang.
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { freePort, hasCommand } from './daemon-support/commands.js';

const available = requireOrSkip(
  'built CLI (npm run build), a Docker daemon and setpriv',
  cliBuilt() && dockerAvailable() && hasCommand('setpriv'),
);

describe.skipIf(!available)('daemon errors through the CLI', () => {
  let dir: string;
  let server: Server;
  let lockedSocket: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-cli-errors-'));
    chmodSync(dir, 0o755);
    lockedSocket = join(dir, 'locked.sock');
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((ready) => server.listen(lockedSocket, ready));
    // Owned by nobody, so root without its permission bypass is refused like any other user.
    chownSync(lockedSocket, 65534, 65534);
    chmodSync(lockedSocket, 0o600);
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('daemon not running', async () => {
    const socket = join(dir, 'absent.sock');
    const result = await runCli(['--json', '-', 'busybox:latest'], { DOCKER_HOST: `unix://${socket}` });
    expectOneLineError(
      result,
      new RegExp(`^layerscope: cannot connect to the Docker daemon at unix://${socket}: is it running\\?$`),
      /start it/,
    );
  });

  it('socket without permission', async () => {
    const result = await runCli(['--json', '-', 'busybox:latest'], { DOCKER_HOST: `unix://${lockedSocket}` }, { permissionsApply: true });
    expectOneLineError(result, new RegExp(`^layerscope: permission denied on unix://${lockedSocket}$`), /docker group/);
  });

  it('a reference the daemon cannot parse is a usage error in one line, not a sick daemon', async () => {
    // docker's own words for it (docker image inspect Upper:case): "invalid reference format: repository name must be lowercase".
    const result = await runCli(['--json', '-', 'docker:Upper:case'], {});
    expectOneLineError(
      result,
      /^layerscope: 'Upper:case' is not an image reference the Docker daemon accepts: invalid reference format: repository name must be lowercase$/,
      /lower case/,
    );
  });

  // Docker's router answers /images//work/x/json (or ../) with a 301 to the cleaned path: read as an
  // answer, that said "not the Docker daemon" about a mistyped file path.
  it.each(['docker:/work/x', 'docker:foo//bar', 'docker:../../x', 'nonexistent/dir/'])(
    "a name the daemon's router would clean (%s) is a usage error, not a sick daemon",
    async (source) => {
      const result = await runCli(['--json', '-', source], {});
      expectOneLineError(
        result,
        /^layerscope: '.*' is not an image reference \(a reference has no empty, '\.' or '\.\.' parts\)$/,
        /a file\? check its path/,
      );
    },
  );

  it('unreachable tcp host', async () => {
    const port = await freePort();
    const result = await runCli(['--json', '-', 'busybox:latest'], { DOCKER_HOST: `tcp://127.0.0.1:${port}` });
    expectOneLineError(
      result,
      /^layerscope: cannot connect to the Docker daemon at tcp:\/\/127\.0\.0\.1:\d+: connection refused$/,
      /host and port/,
    );
  });

  it('ssh refused', async () => {
    const port = await freePort();
    const result = await runCli(['-H', `ssh://root@127.0.0.1:${port}`, '--json', '-', 'busybox:latest'], {});
    expectOneLineError(result, /^layerscope: ssh to ssh:\/\/root@127\.0\.0\.1:\d+ failed: Connection refused$/, /without a prompt/);
  });

  it('image not found (never pulled)', async () => {
    const result = await runCli(['--json', '-', 'layerscope-test/absent:never'], {});
    expectOneLineError(
      result,
      /^layerscope: image layerscope-test\/absent:never is not in the Docker daemon at unix:\/\/\/var\/run\/docker\.sock$/,
      /docker pull layerscope-test\/absent:never/,
    );
  });

  it('unknown context', async () => {
    const result = await runCli(['--context', 'nope', '--json', '-', 'busybox:latest'], {});
    expectOneLineError(result, /^layerscope: docker context "nope" does not exist/, /docker context ls/);
  });

  it('podman service not running', async () => {
    const socket = join(dir, 'podman-absent.sock');
    const result = await runCli(['--json', '-', 'podman:busybox:latest'], { CONTAINER_HOST: `unix://${socket}` });
    expectOneLineError(
      result,
      /^layerscope: cannot connect to podman at unix:\/\/.*: is its API service running\?$/,
      /podman system service/,
    );
  });
});
