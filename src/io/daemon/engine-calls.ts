// The dockerode calls a command may make, loaded on their first use: a read from a local socket makes
// none of them (raw-inspect.ts, raw-export.ts), and loading dockerode costs its start-up ~45 ms.
import type * as EngineApi from './engine-api.js';

export const engineApi = (): Promise<typeof EngineApi> => import('./engine-api.js');

export const ping = async (...args: Parameters<typeof EngineApi.ping>): Promise<void> => (await engineApi()).ping(...args);

export const listImages = async (...args: Parameters<typeof EngineApi.listImages>): ReturnType<typeof EngineApi.listImages> =>
  (await engineApi()).listImages(...args);
