import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { LayerscopeError } from '../../../src/core/index.js';
import { keyPresses, keySpecOf } from '../../../src/ui/key-names.js';
import { applyKeyOverrides, DEFAULT_KEYMAP, keyLabel, lookup, normaliseKeySpec } from '../../../src/ui/keymap.js';
import { localeIsUtf8 } from '../../../src/ui/theme.js';

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...over,
});

describe('keymap', () => {
  test("dive's defaults", () => {
    expect(lookup(DEFAULT_KEYMAP, 'tab', 'layers')).toBe('toggle-view');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+f', 'image')).toBe('filter-files');
    expect(lookup(DEFAULT_KEYMAP, '/', 'tree')).toBe('filter-files');
    expect(lookup(DEFAULT_KEYMAP, 'k', 'tree')).toBe('up');
    expect(lookup(DEFAULT_KEYMAP, 'G', 'tree')).toBe('bottom');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+space', 'tree')).toBe('toggle-collapse-all-dir');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+b', 'tree')).toBe('toggle-filetree-attributes');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+o', 'tree')).toBe('toggle-sort-order');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+u', 'tree')).toBe('toggle-unmodified-files');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+n', 'tree')).toBe('toggle-modified-files');
  });
  test('Ctrl+A depends on the pane, as in dive', () => {
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+a', 'layers')).toBe('compare-all');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+a', 'tree')).toBe('toggle-added-files');
    expect(lookup(DEFAULT_KEYMAP, 'ctrl+a', 'image')).toBeUndefined();
  });
  test('no key is bound twice in the same scope', () => {
    const seen = new Set<string>();
    for (const b of DEFAULT_KEYMAP)
      for (const k of b.keys) {
        expect(seen.has(`${b.scope}:${k}`)).toBe(false);
        seen.add(`${b.scope}:${k}`);
      }
  });
  test('key specs from config files', () => {
    expect(normaliseKeySpec('Ctrl+F')).toBe('ctrl+f');
    expect(normaliseKeySpec(' PageDown ')).toBe('pgdn');
    expect(normaliseKeySpec('G')).toBe('G');
    expect(normaliseKeySpec('ctrl+@')).toBe('ctrl+space');
    expect(normaliseKeySpec('ctrl+m')).toBeUndefined();
    expect(normaliseKeySpec('hyper+x')).toBeUndefined();
    expect(keyLabel('ctrl+f')).toBe('^F');
    expect(keyLabel('pgdn')).toBe('PgDn');
    // ASCII mode (a terminal that is not UTF-8) names the arrow keys instead of drawing them.
    expect(['up', 'down', 'left', 'right'].map((k) => keyLabel(k))).toEqual(['↑', '↓', '←', '→']);
    expect(['up', 'down', 'left', 'right', 'pgdn'].map((k) => keyLabel(k, true))).toEqual(['Up', 'Down', 'Left', 'Right', 'PgDn']);
  });
  test('overrides replace the keys of a command', () => {
    const map = applyKeyOverrides(DEFAULT_KEYMAP, { quit: 'x, ctrl+q', 'page-down': ['d', 'pgdn'] }, 'cfg');
    expect(lookup(map, 'x', 'tree')).toBe('quit');
    expect(lookup(map, 'ctrl+q', 'tree')).toBe('quit');
    expect(lookup(map, 'q', 'tree')).toBeUndefined();
    expect(lookup(map, 'd', 'tree')).toBe('page-down');
    expect(applyKeyOverrides(DEFAULT_KEYMAP, undefined, 'cfg')).toBe(DEFAULT_KEYMAP);
  });
  test('a bound key is taken from the defaults it collides with, and only those', () => {
    // Global quit on x: the tree's own x (extract) would shadow it there, so the tree gives x up.
    const quitX = applyKeyOverrides(DEFAULT_KEYMAP, { quit: 'x' }, 'cfg');
    expect(['tree', 'layers', 'viewer', 'history'].map((s) => lookup(quitX, 'x', s as 'tree'))).toEqual(['quit', 'quit', 'quit', 'quit']);
    // A history-view binding collides only there: Space still folds in the tree, and Enter still views.
    const jump = applyKeyOverrides(DEFAULT_KEYMAP, { 'jump-to-layer': 'space' }, 'cfg');
    expect([lookup(jump, 'space', 'history'), lookup(jump, 'enter', 'history')]).toEqual(['jump-to-layer', undefined]);
    expect([lookup(jump, 'space', 'tree'), lookup(jump, 'enter', 'tree')]).toEqual(['toggle-collapse-dir', 'view-file']);
    // A tree binding on q: extracts in the tree, q still quits in the other panes and the viewer.
    const extractQ = applyKeyOverrides(DEFAULT_KEYMAP, { 'extract-file': 'q' }, 'cfg');
    expect([lookup(extractQ, 'q', 'tree'), lookup(extractQ, 'q', 'layers'), lookup(extractQ, 'q', 'viewer')]).toEqual([
      'extract-file',
      'quit',
      'quit',
    ]);
    // Two viewer commands: w now searches forward, so wrap loses w (and has no key left).
    const next = applyKeyOverrides(DEFAULT_KEYMAP, { 'search-next': 'w' }, 'cfg');
    expect([lookup(next, 'w', 'viewer'), lookup(next, 'n', 'viewer')]).toEqual(['search-next', undefined]);
    expect(next.find((b) => b.command === 'toggle-wrap')?.keys).toEqual([]);
  });
  test('bad bindings are config errors naming the key', () => {
    const fail = (section: unknown) => {
      try {
        applyKeyOverrides(DEFAULT_KEYMAP, section, 'my.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(LayerscopeError);
        expect((e as LayerscopeError).kind).toBe('config');
        return (e as LayerscopeError).message;
      }
      throw new Error('no error');
    };
    expect(fail({ 'toggle-everything': 'x' })).toBe('my.yaml: unknown keybinding "toggle-everything"');
    expect(fail({ quit: 'ctrl+m' })).toBe('my.yaml: keybinding "quit" has an unknown key "ctrl+m"');
    expect(fail({ quit: 5 })).toContain('keybinding "quit" must be a key or a list of keys');
    expect(fail(['quit'])).toContain('"keybinding" must be a mapping');
  });
});

describe('key names from Ink', () => {
  test.each([
    ['', key({ upArrow: true }), 'up'],
    ['', key({ pageDown: true }), 'pgdn'],
    ['', key({ tab: true }), 'tab'],
    ['', key({ tab: true, shift: true }), 'shift+tab'],
    ['', key({ escape: true, meta: true }), 'esc'],
    ['', key({ return: true }), 'enter'],
    ['f', key({ ctrl: true }), 'ctrl+f'],
    ['`', key({ ctrl: true }), 'ctrl+space'],
    [' ', key(), 'space'],
    ['G', key({ shift: true }), 'G'],
    ['?', key(), '?'],
    ['ab', key(), undefined],
    ['x', key({ meta: true }), undefined],
    ['', key({ delete: true }), 'backspace'],
  ])('%j → %s', (input, k, spec) => expect(keySpecOf(input, k)).toBe(spec));
  // One Ink event can stand for several keys: a run of plain characters read at once, or Esc + a key.
  test.each([
    ['jjk', key(), ['j', 'j', 'k']],
    ['\t\x02', key(), ['tab', 'ctrl+b']],
    ['/pa\rq', key(), ['/', 'p', 'a', 'enter', 'q']],
    ['q', key({ meta: true }), ['esc', 'q']],
    ['', key({ upArrow: true, meta: true }), ['up']],
    ['', key({ escape: true, meta: true }), ['esc']],
    ['j', key(), ['j']],
    ['\x02', key(), ['esc', 'ctrl+b']],
    ['', key({ return: true, meta: true }), ['esc', 'enter']],
  ])('%j → %j', (input, k, specs) => expect(keyPresses(input, k).map((p) => p.spec)).toEqual(specs));
});

describe('locale', () => {
  test('UTF-8 only when the locale says so, LC_ALL first', () => {
    expect(localeIsUtf8({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(localeIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(localeIsUtf8({ LC_CTYPE: 'C.utf8' })).toBe(true);
    expect(localeIsUtf8({})).toBe(false);
  });
});
