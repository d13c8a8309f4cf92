import { describe, expect, test } from 'vitest';
import { PathTable } from '../../../src/core/index.js';
import { listVisibleRows } from '../../../src/presentation/index.js';
import { commandActions } from '../../../src/ui/commands.js';
import { initialState, type ExplorerState } from '../../../src/ui/state.js';
import { fakeTree } from './fake-trees.js';

const paths = new PathTable();
const tree = fakeTree(paths, [
  { path: 'bin/sh', size: 1 },
  { path: 'etc/passwd', size: 2 },
]);
const rows = listVisibleRows(tree, null, new Set());
const view = { tree, rows };
const state = (over: Partial<ExplorerState>): ExplorerState => ({
  ...initialState({ layerCount: 3, layerRowCount: 3, inefficientCount: 0, columns: 80, rows: 24 }),
  ...over,
});

describe('commands', () => {
  test('moves go to the focused pane', () => {
    expect(commandActions('down', state({ pane: 'layers' }), view)).toEqual([{ type: 'moveLayer', move: 'down' }]);
    expect(commandActions('page-down', state({ pane: 'tree' }), view)).toEqual([{ type: 'moveTree', move: 'pageDown', rowCount: 4 }]);
    expect(commandActions('bottom', state({ pane: 'image' }), view)).toEqual([{ type: 'moveImage', move: 'bottom' }]);
  });
  test('space folds the directory under the cursor, not a file', () => {
    expect(commandActions('toggle-collapse-dir', state({ pane: 'tree', treeCursor: 0 }), view)).toEqual([
      { type: 'toggleCollapsed', pathId: paths.find('bin') },
    ]);
    expect(commandActions('toggle-collapse-dir', state({ pane: 'tree', treeCursor: 1 }), view)).toEqual([]);
  });
  test('left folds an open directory, else goes to the parent; right unfolds', () => {
    const bin = paths.find('bin')!;
    expect(commandActions('left', state({ treeCursor: 0 }), view)).toEqual([{ type: 'setCollapsed', pathId: bin, collapsed: true }]);
    expect(commandActions('left', state({ treeCursor: 1 }), view)).toEqual([{ type: 'setTreeCursor', row: 0, rowCount: 4 }]);
    expect(commandActions('left', state({ treeCursor: 0, collapsed: new Set([bin]) }), view)).toEqual([]);
    expect(commandActions('right', state({ treeCursor: 0, collapsed: new Set([bin]) }), view)).toEqual([
      { type: 'setCollapsed', pathId: bin, collapsed: false },
    ]);
    expect(commandActions('right', state({ treeCursor: 1 }), view)).toEqual([]);
  });
  test('fold all lists every directory; hide toggles map to diff kinds', () => {
    expect(commandActions('toggle-collapse-all-dir', state({}), view)).toEqual([
      { type: 'toggleCollapseAll', directories: [paths.find('bin'), paths.find('etc')] },
    ]);
    expect(commandActions('toggle-unmodified-files', state({}), view)).toEqual([{ type: 'toggleHidden', kind: 'unchanged' }]);
    expect(commandActions('toggle-modified-files', state({}), view)).toEqual([{ type: 'toggleHidden', kind: 'modified' }]);
  });
  test('Esc closes help first, then clears a filter, else nothing', () => {
    expect(commandActions('close-filter-files', state({ help: true, filter: 'x' }), view)).toEqual([{ type: 'toggleHelp' }]);
    expect(commandActions('close-filter-files', state({ filter: 'x' }), view)).toEqual([{ type: 'filterClear' }]);
    expect(commandActions('close-filter-files', state({}), view)).toEqual([]);
  });
  test('an empty tree ignores cursor commands', () => {
    const empty = { tree: fakeTree(new PathTable(), []), rows: new Int32Array(0) };
    expect(commandActions('toggle-collapse-dir', state({}), empty)).toEqual([]);
    expect(commandActions('left', state({}), empty)).toEqual([]);
  });
});
