// `layerscope help keys`: the explorer's key table, from the same keymap the explorer uses (with the
// user's rebindings applied), so the printed table cannot disagree with the keys. In a locale that is
// not UTF-8 the arrow keys are named (Up), as the explorer's own help names them there.
import { helpLines } from '../../ui/help-lines.js';
import { localeIsUtf8 } from '../../ui/theme.js';
import { loadKeymap } from '../explore/key-config.js';

export function keyTable(configPath: string | undefined, env: NodeJS.ProcessEnv): string {
  return `${helpLines(loadKeymap(configPath, env), !localeIsUtf8(env)).join('\n')}\n`;
}
