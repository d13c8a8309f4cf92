// Integration tests need real tools (a Docker daemon, podman, tmux…). Where one is missing they skip
// with a visible message — except in CI (LAYERSCOPE_REQUIRE_INTEGRATION=1), where a missing tool must
// fail the run instead of passing it silently.
import { spawnSync } from 'node:child_process';

export const integrationRequired = (): boolean => process.env.LAYERSCOPE_REQUIRE_INTEGRATION === '1';

/**
 * True when the tests needing `name` should run. When it is not available: throws under
 * LAYERSCOPE_REQUIRE_INTEGRATION=1, otherwise warns and returns false (use with describe.skipIf).
 */
export function requireOrSkip(name: string, available: boolean): boolean {
  if (available) return true;
  if (integrationRequired()) {
    throw new Error(`${name} is not available, and LAYERSCOPE_REQUIRE_INTEGRATION=1 requires it`);
  }
  console.warn(`SKIPPED: ${name} is not available; these integration tests did not run`);
  return false;
}

/** A command that exits 0 (e.g. `docker info`), within a timeout. */
export function commandWorks(command: string, args: readonly string[], timeoutMs = 15_000): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: timeoutMs });
  return result.status === 0;
}

export const dockerAvailable = (): boolean => commandWorks('docker', ['info']);
