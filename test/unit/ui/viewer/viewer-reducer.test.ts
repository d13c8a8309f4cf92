// The viewer, history and extract actions through the explorer's one reducer, and the keys that make them.
import { describe, expect, test } from 'vitest';
import { PathTable } from '../../../../src/core/index.js';
import { actionsForKey } from '../../../../src/ui/key-reducer.js';
import { DEFAULT_KEYMAP, applyKeyOverrides } from '../../../../src/ui/keymap.js';
import { reduce } from '../../../../src/ui/reducer.js';
import { initialState, type Action, type ExplorerState } from '../../../../src/ui/state.js';
import type { ViewerAction } from '../../../../src/ui/viewer/viewer-state.js';
import { fakeTree } from '../fake-trees.js';

const start = (over: Partial<ExplorerState> = {}): ExplorerState => ({
  ...initialState({ layerCount: 5, layerRowCount: 7, inefficientCount: 0, columns: 80, rows: 24 }),
  pane: 'tree',
  contentAvailable: true,
  ...over,
});
const run = (state: ExplorerState, ...actions: Action[]): ExplorerState => actions.reduce(reduce, state);
const v = (action: ViewerAction): Action => ({ type: 'viewer', action });
const PAGE = 21; // 24 rows: key bar, title and status line leave 21 for text
const open = (over: Partial<ExplorerState> = {}) =>
  run(start({ selectedLayer: 3, treeCursor: 7, treeTop: 2, ...over }), { type: 'openViewer', path: 9, kind: 'file' });
const loaded = (lineCount: number, complete: boolean, generation = 1): Action =>
  v({ type: 'loaded', generation, lineCount, complete, page: PAGE });

describe('opening and closing the viewer', () => {
  test('Enter on a file opens it at the selected layer; Esc leaves the tree cursor where it was', () => {
    const s = open();
    expect(s.viewer).toMatchObject({ path: 9, layer: 3, top: 0, mode: 'content' });
    const closed = run(s, { type: 'closeViewer' });
    expect(closed.viewer).toBeUndefined();
    expect([closed.treeCursor, closed.treeTop, closed.selectedLayer]).toEqual([7, 2, 3]);
  });
  test('without a content reader Enter only says so; directories do nothing', () => {
    const none = open({ contentAvailable: false });
    expect(none.viewer).toBeUndefined();
    expect(none.status).toBe('contents not available for this source');
    const s = start();
    expect(run(s, { type: 'openViewer', path: 1, kind: 'dir' })).toBe(s);
  });
  test('a symlink shows its target (escaped), never followed; devices say there is nothing to show', () => {
    const s = run(start(), { type: 'openViewer', path: 1, kind: 'symlink', linkTarget: '../\x1b]52;c;eA==\x07' });
    expect(s.viewer).toBeUndefined();
    expect(s.status).toBe('→ ../\\x1b]52;c;eA==\\x07 (a symbolic link: not followed)');
    expect(run(start(), { type: 'openViewer', path: 1, kind: 'char' }).status).toBe('a character device: no contents to show');
  });
});

describe('scrolling', () => {
  test('down stops at the last page once every line is known', () => {
    let s = run(open(), loaded(30, true));
    s = run(s, v({ type: 'move', move: 'pageDown', page: PAGE }));
    expect(s.viewer!.top).toBe(30 - PAGE);
    expect(run(s, v({ type: 'move', move: 'down', page: PAGE })).viewer!.top).toBe(30 - PAGE);
    expect(run(s, v({ type: 'move', move: 'top', page: PAGE })).viewer!.top).toBe(0);
  });
  test('while lines are still being found, moves are not held back; the end, once known, clamps them', () => {
    const down = v({ type: 'move', move: 'pageDown', page: PAGE });
    let s = run(open(), down, down, down);
    expect(s.viewer!.top).toBe(3 * PAGE);
    s = run(s, loaded(200, false));
    expect(s.viewer!.top).toBe(3 * PAGE);
    s = run(s, loaded(40, true));
    expect(s.viewer!.top).toBe(40 - PAGE);
  });
  test('history moves before the steps are known are clamped when they arrive', () => {
    let s = run(
      start(),
      { type: 'openHistory', path: 4 },
      { type: 'history', action: { type: 'move', move: 'down', page: 10 } },
      { type: 'history', action: { type: 'move', move: 'down', page: 10 } },
    );
    s = run(s, { type: 'history', action: { type: 'loaded', path: 4, layers: [1, 3] } });
    expect(s.history!.cursor).toBe(1);
  });
  test('G before the end is known waits for it, then shows the last page', () => {
    let s = run(open(), loaded(50, false), v({ type: 'move', move: 'bottom', page: PAGE }));
    expect(s.viewer).toMatchObject({ wantBottom: true, top: 0 });
    s = run(s, loaded(1000, true));
    expect(s.viewer).toMatchObject({ wantBottom: false, top: 1000 - PAGE });
  });
  test('a load for an older document is ignored', () => {
    const s = run(open(), v({ type: 'toggleDiff' }));
    expect(s.viewer!.generation).toBe(2);
    expect(run(s, loaded(99, true, 1)).viewer!.lineCount).toBe(0);
  });
});

describe('search', () => {
  test('/ text Enter asks from the first line shown; a match moves there; n and N go on from it', () => {
    let s = run(
      open(),
      loaded(500, true),
      v({ type: 'openSearch' }),
      v({ type: 'searchInput', text: 'roo' }),
      v({ type: 'searchInput', text: 'tx' }),
      v({ type: 'searchBackspace' }),
      v({ type: 'searchSubmit' }),
    );
    expect(s.viewer!.searchRequest).toEqual({ query: 'root', from: 0, direction: 1, seq: 1 });
    expect(run(s, v({ type: 'found', generation: 1, seq: 0, line: 5, page: PAGE })).viewer!.match).toBe(-1); // stale answer
    s = run(s, v({ type: 'found', generation: 1, seq: 1, line: 100, page: PAGE }));
    expect(s.viewer).toMatchObject({ match: 100, top: 98 });
    expect(run(s, v({ type: 'searchAgain', direction: 1 })).viewer!.searchRequest).toEqual({
      query: 'root',
      from: 101,
      direction: 1,
      seq: 2,
    });
    expect(run(s, v({ type: 'searchAgain', direction: -1 })).viewer!.searchRequest).toEqual({
      query: 'root',
      from: 99,
      direction: -1,
      seq: 2,
    });
  });
  test('not found says so, with the query escaped', () => {
    const s = run(
      open(),
      v({ type: 'openSearch' }),
      v({ type: 'searchInput', text: 'a\\b' }),
      v({ type: 'searchSubmit' }),
      v({ type: 'found', generation: 1, seq: 1, line: -1, page: PAGE }),
    );
    expect(s.viewer!.message).toBe('"a\\\\b" not found below');
  });
});

describe('history and extract', () => {
  test('history: the cursor stays on the steps there are; Enter selects that layer and closes', () => {
    let s = run(start(), { type: 'openHistory', path: 4 }, { type: 'history', action: { type: 'loaded', path: 4, layers: [0, 2, 4] } });
    s = run(s, { type: 'history', action: { type: 'move', move: 'down', page: 10 } });
    expect(s.history!.cursor).toBe(1);
    expect(run(s, { type: 'history', action: { type: 'move', move: 'bottom', page: 10 } }).history!.cursor).toBe(2);
    s = run(s, { type: 'historyJump' });
    expect(s.history).toBeUndefined();
    expect(s.selectedLayer).toBe(2);
  });
  test('x asks for the selected layer and path, once per press', () => {
    const s = run(start({ selectedLayer: 2 }), { type: 'extract', path: 6 });
    expect(s.extractRequest).toEqual({ layer: 2, path: 6, seq: 1 });
    expect(run(s, { type: 'extract', path: 6 }).extractRequest!.seq).toBe(2);
  });
});

describe('keys while a view is open', () => {
  const paths = new PathTable();
  const tree = fakeTree(paths, [
    { path: 'etc', kind: 'dir' },
    { path: 'etc/passwd', size: 10 },
    { path: 'etc/ln', kind: 'symlink', linkTarget: 'passwd' },
  ]);
  const view = { tree, rows: Int32Array.from([0, 1, 2]) };
  const keys = (state: ExplorerState, spec: string, text = spec) => actionsForKey(DEFAULT_KEYMAP, state, view, { spec, text });
  test('Enter, x and H on the tree row under the cursor', () => {
    const s = start({ treeCursor: 2 }); // etc/passwd (sorted after ln)
    expect(keys(s, 'enter')).toEqual([{ type: 'openViewer', path: paths.find('etc/passwd'), kind: 'file' }]);
    expect(keys(s, 'x')).toEqual([{ type: 'extract', path: paths.find('etc/passwd') }]);
    expect(keys(s, 'H')).toEqual([{ type: 'openHistory', path: paths.find('etc/passwd') }]);
    expect(keys(start({ treeCursor: 1 }), 'enter')).toEqual([
      { type: 'openViewer', path: paths.find('etc/ln'), kind: 'symlink', linkTarget: 'passwd' },
    ]);
  });
  test('in the viewer, movement keys scroll it, / searches, Esc closes, q still quits, Tab does nothing', () => {
    const s = open();
    expect(keys(s, 'j')).toEqual([v({ type: 'move', move: 'down', page: PAGE })]);
    expect(keys(s, 'pgdn')).toEqual([v({ type: 'move', move: 'pageDown', page: PAGE })]);
    expect(keys(s, 'G')).toEqual([v({ type: 'move', move: 'bottom', page: PAGE })]);
    expect(keys(s, '/')).toEqual([v({ type: 'openSearch' })]);
    expect(keys(s, 'n')).toEqual([v({ type: 'searchAgain', direction: 1 })]);
    expect(keys(s, 'N')).toEqual([v({ type: 'searchAgain', direction: -1 })]);
    expect(keys(s, 'w')).toEqual([v({ type: 'toggleWrap' })]);
    expect(keys(s, 'd')).toEqual([v({ type: 'toggleDiff' })]);
    expect(keys(s, 'esc')).toEqual([{ type: 'closeViewer' }]);
    expect(keys(s, 'q')).toEqual([{ type: 'quit' }]);
    expect(keys(s, 'tab')).toEqual([]);
  });
  test('while typing a search every key is text until Enter or Esc', () => {
    const s = run(open(), v({ type: 'openSearch' }));
    expect(keys(s, 'q')).toEqual([v({ type: 'searchInput', text: 'q' })]);
    expect(keys(s, 'enter', '\r')).toEqual([v({ type: 'searchSubmit' })]);
    expect(keys(s, 'esc', '\x1b')).toEqual([v({ type: 'searchCancel' })]);
  });
  test('a status line is cleared by the next key', () => {
    const s = start({ status: 'extracted /x to ./x' });
    expect(keys(s, 'j')[0]).toEqual({ type: 'status', text: undefined });
  });
  test('in the history view Enter jumps and Esc closes', () => {
    const s = run(start(), { type: 'openHistory', path: 1 });
    expect(keys(s, 'enter')).toEqual([{ type: 'historyJump' }]);
    expect(keys(s, 'esc')).toEqual([{ type: 'closeHistory' }]);
    expect(keys(s, 'k')).toEqual([{ type: 'history', action: { type: 'move', move: 'up', page: 21 } }]);
  });
  test('a key the user binds to another command is taken from the default that had it', () => {
    const map = applyKeyOverrides(DEFAULT_KEYMAP, { quit: 'x' }, 'cfg');
    expect(actionsForKey(map, start(), view, { spec: 'x', text: 'x' })).toEqual([{ type: 'quit' }]);
    expect(map.find((b) => b.command === 'extract-file')!.keys).toEqual([]);
  });
});

describe('keys that need an answer still being read wait for it', () => {
  const found = (seq: number, line: number, complete = true): Action =>
    v({ type: 'found', generation: 1, seq, line, page: PAGE, lineCount: 100, complete });
  const search = (...actions: ViewerAction[]) =>
    run(
      run(open(), loaded(100, true)),
      ...[{ type: 'openSearch' } as const, { type: 'searchInput', text: 'needle' } as const, ...actions].map(v),
    );
  test('n pressed before the first match is back searches on from that match, as typed slowly', () => {
    let s = search({ type: 'searchSubmit' }, { type: 'searchAgain', direction: 1 });
    expect(s.viewer!.searchRequest).toMatchObject({ seq: 1, from: 0, direction: 1 }); // n has not replaced it
    s = run(s, found(1, 29)); // match on line 30 (index 29): top two lines above it
    expect(s.viewer!.top).toBe(27);
    expect(s.viewer!.searchRequest).toMatchObject({ seq: 2, query: 'needle', from: 30, direction: 1 });
    s = run(s, found(2, 59));
    expect([s.viewer!.top, s.viewer!.deferred]).toEqual([57, undefined]);
  });
  test('a move after a search waits for the match, and moves from it', () => {
    let s = search({ type: 'searchSubmit' }, { type: 'move', move: 'down', page: PAGE });
    expect(s.viewer!.top).toBe(0);
    s = run(s, found(1, 29));
    expect(s.viewer!.top).toBe(28);
  });
  test('a new search typed while the last is read keeps its own query; the old n keeps the old one', () => {
    let s = search(
      { type: 'searchSubmit' },
      { type: 'searchAgain', direction: 1 },
      { type: 'openSearch' },
      { type: 'searchInput', text: 'pin' },
      { type: 'searchSubmit' },
    );
    expect(s.viewer!.searching).toBe(false);
    s = run(s, found(1, 29));
    expect(s.viewer!.searchRequest).toMatchObject({ seq: 2, query: 'needle', from: 30 });
    s = run(s, found(2, -1));
    expect(s.viewer!.searchRequest).toMatchObject({ seq: 3, query: 'pin', from: 27 });
  });
  test('k after G waits for the end of the file, then moves up from the last page', () => {
    let s = run(open(), v({ type: 'move', move: 'bottom', page: PAGE }), v({ type: 'move', move: 'up', page: PAGE }));
    expect(s.viewer!.wantBottom).toBe(true);
    s = run(s, loaded(500, false));
    s = run(s, loaded(1000, true));
    expect([s.viewer!.top, s.viewer!.wantBottom]).toEqual([1000 - PAGE - 1, false]);
  });
  test('"searching…" only when the hook says an answer is slow, and never after the answer', () => {
    let s = search({ type: 'searchSubmit' });
    expect(s.viewer!.message).toBeUndefined();
    s = run(s, v({ type: 'slowSearch', generation: 1, seq: 1 }));
    expect(s.viewer!.message).toBe('searching for "needle"…');
    s = run(s, found(1, 29));
    expect(s.viewer!.message).toBeUndefined();
    expect(run(s, v({ type: 'slowSearch', generation: 1, seq: 1 })).viewer!.message).toBeUndefined();
  });
  test('d drops what waited on the old document', () => {
    const s = search({ type: 'searchSubmit' }, { type: 'searchAgain', direction: 1 }, { type: 'toggleDiff' });
    expect([s.viewer!.mode, s.viewer!.deferred, s.viewer!.searchRequest]).toEqual(['diff', undefined, undefined]);
  });
});
