// `layerscope help keys`: the explorer's key table, from the same keymap the explorer uses (with the
// user's rebindings applied), so the printed table cannot disagree with the keys.
import { helpLines } from '../../ui/help-lines.js';
import { loadKeymap } from '../explore/key-config.js';

export function keyTable(configPath: string | undefined, env: NodeJS.ProcessEnv): string {
  return `${helpLines(loadKeymap(configPath, env)).join('\n')}\n`;
}
