import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultConfigPath, loadKeymap } from '../../../src/cli/explore/key-config.js';
import { LayerscopeError } from '../../../src/core/index.js';
import { DEFAULT_KEYMAP, lookup } from '../../../src/ui/keymap.js';

const dir = mkdtempSync(join(tmpdir(), 'ls-keys-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const configError = (fn: () => unknown): LayerscopeError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof LayerscopeError) return e;
    throw e;
  }
  throw new Error('expected a config error');
};

describe('key config file', () => {
  test('XDG_CONFIG_HOME first, then ~/.config', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/layerscope/config.yaml');
    expect(defaultConfigPath({ HOME: '/h' })).toBe('/h/.config/layerscope/config.yaml');
  });
  test('no file in the default place: the defaults', () => {
    expect(loadKeymap(undefined, { XDG_CONFIG_HOME: join(dir, 'none') })).toBe(DEFAULT_KEYMAP);
  });
  test('a dive-style keybinding section rebinds keys', () => {
    mkdirSync(join(dir, 'xdg', 'layerscope'), { recursive: true });
    writeFileSync(
      join(dir, 'xdg', 'layerscope', 'config.yaml'),
      'keybinding:\n  quit: x\n  toggle-modified-files: ctrl+e\nother: ignored\n',
    );
    const map = loadKeymap(undefined, { XDG_CONFIG_HOME: join(dir, 'xdg') });
    expect(lookup(map, 'x', 'tree')).toBe('quit');
    expect(lookup(map, 'ctrl+e', 'tree')).toBe('toggle-modified-files');
  });
  test('an empty file is fine', () => {
    expect(loadKeymap(file('empty.yaml', ''), {})).toBe(DEFAULT_KEYMAP);
  });
  test('errors are one line of kind config, naming the file and the key', () => {
    expect(configError(() => loadKeymap(join(dir, 'missing.yaml'), {})).message).toMatch(/cannot read config file .*missing\.yaml: ENOENT/);
    const bad = file('bad.yaml', 'keybinding:\n  quit: [x\n');
    expect(configError(() => loadKeymap(bad, {})).message).toMatch(/bad\.yaml:\d+: not valid YAML/);
    const unknown = file('unknown.yaml', 'keybinding:\n  explode: x\n');
    const err = configError(() => loadKeymap(unknown, {}));
    expect(err.kind).toBe('config');
    expect(err.message).toBe(`${unknown}: unknown keybinding "explode"`);
    expect(err.hint).toContain('toggle-view');
    expect(configError(() => loadKeymap(file('list.yaml', '- a\n'), {})).message).toContain('top level must be a mapping');
    const bomb = file(
      'bomb.yaml',
      'a0: &a0 [x]\n' + Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n'),
    );
    expect(configError(() => loadKeymap(bomb, {})).message).toBe(`${bomb}: Excessive alias count indicates a resource exhaustion attack`);
    expect(configError(() => loadKeymap(file('key.yaml', 'keybinding:\n  quit: ctrl+m\n'), {})).message).toContain('unknown key "ctrl+m"');
  });
});
