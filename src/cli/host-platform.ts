// The default --platform: the host's, in OCI spelling (Node says x64 where OCI says amd64).
import type { Platform } from '../io/read-options.js';

const ARCH: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
};

/** Images are Linux images even on a Mac or Windows host: only the architecture follows the host. */
export function hostPlatform(arch: string): Platform {
  return ARCH[arch] ?? { os: 'linux', architecture: arch };
}
