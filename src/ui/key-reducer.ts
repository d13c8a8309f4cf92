// Keys are events for the reducer, not for the view: the input hook dispatches each key as it came, and
// here it is looked up in the keymap against the state of that moment (pane, filter line, help, the
// rows the tree shows), then applied. Keys that arrive together (typed ahead, pasted, batched by SSH)
// therefore act in order, each on what the keys before it left, as ink-ui's widgets do.
import { commandActions, type TreeContext } from './commands.js';
import { anchored, settleAnchor } from './cursor-anchor.js';
import type { PathId } from '../core/index.js';
import type { KeyPress } from './key-names.js';
import { lookup, type Keymap } from './keymap.js';
import { reduce } from './reducer.js';
import type { Action, ExplorerEvent, ExplorerState } from './state.js';
import { viewKeyActions } from './viewer/viewer-keys.js';
import { helpLines } from './help-lines.js';
import { MOVES } from './moves.js';

/** What resolving a key needs besides the state: the bindings, and the tree rows a state shows. */
export interface KeyContext {
  readonly keymap: Keymap;
  readonly view: (state: ExplorerState) => TreeContext;
  /** The layers that touched a path (file history): known as soon as H opens the view, so Enter can jump. */
  readonly historyLayers?: (path: PathId) => readonly number[];
  /** Per line of the image pane's list, the file it names (a secret finding) and the layer that wrote it. */
  readonly imageTargets?: readonly (ImageTarget | undefined)[];
  /** ASCII mode: the help overlay's lines name the arrow keys, so their width (and its scrolling) differ. */
  readonly ascii?: boolean;
}

export interface ImageTarget {
  readonly layer: number;
  readonly path: PathId;
  readonly ancestors: readonly PathId[];
}

const NAVIGATION = new Set(['up', 'down', 'pgup', 'pgdn', 'tab']);

function filterKey({ spec, text }: KeyPress): Action[] | undefined {
  if (spec === 'esc') return [{ type: 'filterClear' }];
  if (spec === 'enter') return [{ type: 'filterAccept' }];
  if (spec === 'backspace') return [{ type: 'filterBackspace' }];
  if (spec !== undefined && NAVIGATION.has(spec)) return undefined; // done typing: fall through to the keymap
  // eslint-disable-next-line no-control-regex
  const typed = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return typed === '' ? [] : [{ type: 'filterInput', text: typed }];
}

/**
 * Actions for one key in the given state: filter typing and the help overlay first, then the open file
 * viewer or history view (with its search line), then the keymap.
 */
export function actionsForKey(
  keymap: Keymap,
  state: ExplorerState,
  view: TreeContext,
  press: KeyPress,
  imageTargets?: KeyContext['imageTargets'],
  ascii = false,
): Action[] {
  const { spec } = press;
  if (spec === 'ctrl+c') return [{ type: 'quit' }];
  const prefix: Action[] = [];
  if (state.filterEditing) {
    const typed = filterKey(press);
    if (typed !== undefined) return typed;
    prefix.push({ type: 'filterAccept' });
  }
  const command = spec === undefined ? undefined : lookup(keymap, spec, state.pane);
  if (state.help) {
    if (command === 'help' || command === 'close-filter-files') return [{ type: 'toggleHelp' }];
    if (command === 'quit') return [{ type: 'quit' }];
    // The cursor keys scroll the overlay when its lines do not all fit: the lines it draws.
    const move = command && MOVES[command];
    if (!move) return [];
    return [{ type: 'moveHelp', move, lines: helpLines(keymap, ascii) }];
  }
  // A status line lasts until the next key.
  if (state.status !== undefined) prefix.push({ type: 'status', text: undefined });
  // The file viewer or file history, when open, has the keyboard.
  const inView = viewKeyActions(keymap, state, press);
  if (inView) return [...prefix, ...inView];
  if (command === 'jump-to-file') {
    const target = imageTargets?.[state.imageTop];
    return target ? [...prefix, { type: 'jumpToFile', ...target }] : prefix;
  }
  return [...prefix, ...(command ? commandActions(command, state, view) : [])];
}

/** The rows of `state`, computed only if the key needs them (moving between layers never does). */
function lazyView(context: KeyContext, state: ExplorerState): TreeContext {
  let view: TreeContext | undefined;
  const get = (): TreeContext => (view ??= context.view(state));
  return {
    get tree() {
      return get().tree;
    },
    get rows() {
      return get().rows;
    },
  };
}

/** Actions that neither read nor move the tree cursor: a waiting cursor anchor can keep waiting. */
const CURSOR_FREE = new Set<Action['type']>([
  'moveLayer',
  'setCompare',
  'toggleOrder',
  'focusNext',
  'focus',
  'moveImage',
  'toggleAttributes',
  'toggleHelp',
  'moveHelp',
  'quit',
  // The viewer and history view cover the tree; jumping to a layer is a layer move like moveLayer.
  'closeViewer',
  'viewer',
  'closeHistory',
  'history',
  'historyJump',
  'status',
]);

export function reduceKey(context: KeyContext, state: ExplorerState, press: KeyPress): ExplorerState {
  if (state.quit) return state; // keys after q do nothing: the explorer is on its way out
  let now = state;
  let actions = actionsForKey(context.keymap, now, lazyView(context, now), press, context.imageTargets, context.ascii);
  if (now.anchor && actions.some((a) => !CURSOR_FREE.has(a.type))) {
    now = settleAnchor(now, context.view);
    actions = actionsForKey(context.keymap, now, lazyView(context, now), press, context.imageTargets, context.ascii);
  }
  return withHistoryLayers(context, actions.reduce(reduce, now));
}

/** A history view just opened learns its steps' layers here, not from the next frame: H j Enter in one chunk jumps. */
function withHistoryLayers(context: KeyContext, state: ExplorerState): ExplorerState {
  const { history } = state;
  if (!history || history.layers || !context.historyLayers) return state;
  return reduce(state, { type: 'history', action: { type: 'loaded', path: history.path, layers: context.historyLayers(history.path) } });
}

/**
 * The explorer's reducer: key events resolved here, every other action straight to `reduce`; a step
 * that changes the tree shown leaves an anchor so the cursor stays on its file.
 */
export function explorerReducer(context: KeyContext): (state: ExplorerState, event: ExplorerEvent) => ExplorerState {
  return (state, event) => {
    const next =
      event.type === 'key'
        ? reduceKey(context, state, event.press)
        : event.type === 'settleAnchor'
          ? settleAnchor(state, context.view)
          : reduce(state, event);
    return anchored(state, next, context.view);
  };
}
