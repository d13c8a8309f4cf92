// Key bindings from the user's config file (dive's `keybinding:` section, same command names):
// --config FILE, else $XDG_CONFIG_HOME/layerscope/config.yaml, else ~/.config/layerscope/config.yaml.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseYamlDocument } from '../lazy-yaml.js';
import { LayerscopeError } from '../../core/index.js';
import { applyKeyOverrides, DEFAULT_KEYMAP, type Keymap } from '../../ui/keymap.js';

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'layerscope', 'config.yaml');
}

function readConfig(path: string, explicit: boolean): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!explicit && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined;
    throw new LayerscopeError(
      'config',
      `cannot read config file ${path}: ${code ?? String(err)}`,
      explicit ? 'check the path given to --config' : `fix or remove ${path}`,
      { cause: err },
    );
  }
}

/** The keymap to use: defaults with the config file's bindings applied. */
export function loadKeymap(explicitPath: string | undefined, env: NodeJS.ProcessEnv): Keymap {
  const path = explicitPath ?? defaultConfigPath(env);
  const text = readConfig(path, explicitPath !== undefined);
  if (text === undefined) return DEFAULT_KEYMAP;
  const doc = parseYamlDocument(text);
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    throw new LayerscopeError(
      'config',
      `${path}${line ? `:${line}` : ''}: not valid YAML (${problem.message.split('\n')[0]})`,
      'the file must be YAML, e.g. keybinding: {quit: "q, ctrl+c"}',
    );
  }
  // toJS expands aliases, and refuses a file whose aliases would expand past its limit (an alias bomb).
  let root: unknown;
  try {
    root = doc.toJS();
  } catch (error) {
    throw new LayerscopeError(
      'config',
      `${path}: ${(error as Error).message}`,
      'the file must be YAML, e.g. keybinding: {quit: "q, ctrl+c"}',
    );
  }
  if (root === null || root === undefined) return DEFAULT_KEYMAP;
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new LayerscopeError('config', `${path}: the top level must be a mapping`, 'e.g. keybinding: {quit: "q, ctrl+c"}');
  }
  return applyKeyOverrides(DEFAULT_KEYMAP, 'keybinding' in root ? root.keybinding : undefined, path);
}
