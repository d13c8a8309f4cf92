// Which state changes the explorers' screens skip drawing: only requests left for effects, never
// anything on screen (a wrong "same" would leave a stale frame up).
import { describe, expect, test } from 'vitest';
import { sameScreenProps, sameVisibleState } from '../../../src/ui/same-screen.js';
import { initialState, type ExplorerState } from '../../../src/ui/state.js';
import { openedViewer } from '../../../src/ui/viewer/viewer-state.js';

const base: ExplorerState = {
  ...initialState({ layerCount: 3, layerRowCount: 3, inefficientCount: 0, columns: 80, rows: 24 }),
  viewer: openedViewer(5, 1, undefined),
};
const withViewer = (change: Partial<NonNullable<ExplorerState['viewer']>>): ExplorerState => ({
  ...base,
  viewer: { ...base.viewer!, ...change },
});

describe('sameVisibleState', () => {
  test('a search request, its answer number and the keys waiting for it are not drawn', () => {
    const asked = withViewer({ searchRequest: { query: 'x', from: 0, direction: 1, seq: 1 }, answeredSeq: 0 });
    expect(sameVisibleState(base, asked)).toBe(true);
    expect(sameVisibleState(asked, withViewer({ deferred: [{ type: 'move', move: 'down', page: 20 }] }))).toBe(true);
  });
  test('an extract request is not drawn (its answer comes as a status line)', () => {
    expect(sameVisibleState(base, { ...base, extractRequest: { layer: 0, path: 3, seq: 1 } })).toBe(true);
  });
  test('everything else is: the viewer moving, its match, message, mode; the status; the tree cursor; closing the viewer', () => {
    for (const change of [{ top: 1 }, { match: 4 }, { message: 'not found' }, { mode: 'diff' as const }, { searching: true }]) {
      expect(sameVisibleState(base, withViewer(change))).toBe(false);
    }
    expect(sameVisibleState(base, { ...base, status: 'extracted' })).toBe(false);
    expect(sameVisibleState(base, { ...base, treeCursor: 2 })).toBe(false);
    expect(sameVisibleState(base, { ...base, viewer: undefined })).toBe(false);
  });
});

describe('sameScreenProps', () => {
  const same = sameScreenProps<{ state: ExplorerState; page: { lines: string[] }; rows: string[] }>(['page']);
  const lines = ['a'];
  const rows = ['r'];
  test('a rebuilt object named shallow is compared field by field, any other prop by identity', () => {
    expect(same({ state: base, page: { lines }, rows }, { state: base, page: { lines }, rows })).toBe(true);
    expect(same({ state: base, page: { lines }, rows }, { state: base, page: { lines: ['a'] }, rows })).toBe(false);
    expect(same({ state: base, page: { lines }, rows }, { state: base, page: { lines }, rows: ['r'] })).toBe(false);
  });
});
