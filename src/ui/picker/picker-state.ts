// The image picker (`layerscope` with no argument): the daemon's images, newest first, a filter that
// takes what you type, and a cursor. Keys are resolved here, against the current state, in order, so
// keys that arrive together (typed ahead, pasted, batched by SSH) act exactly as typed one by one.

export interface PickerImage {
  readonly repository: string;
  readonly tag: string;
  readonly id: string;
  readonly sizeBytes: number;
  /** ISO 8601. */
  readonly created: string;
}

export interface PickerState {
  readonly images: readonly PickerImage[];
  readonly filter: string;
  /** Index into the filtered list. */
  readonly cursor: number;
  /** First filtered row on screen. */
  readonly scroll: number;
  readonly rows: number;
  /** Set once the user chose (the image) or quit (null). */
  readonly outcome?: PickerImage | null;
}

/** The keys the picker knows, already decoded from the terminal's bytes. */
export type PickerKey =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'enter' | 'escape' | 'backspace' | 'quit' };

export type PickerAction = { readonly type: 'key'; readonly key: PickerKey } | { readonly type: 'resize'; readonly rows: number };

/** Rows of the list: the screen minus the title, the filter line, the column header and the hint. */
export const listRows = (screenRows: number): number => Math.max(1, screenRows - 4);

export const displayName = (image: PickerImage): string =>
  image.repository === '<none>' ? image.id.replace(/^sha256:/, '').slice(0, 12) : `${image.repository}:${image.tag}`;

export function filtered(state: Pick<PickerState, 'images' | 'filter'>): readonly PickerImage[] {
  const needle = state.filter.toLowerCase();
  return needle === '' ? state.images : state.images.filter((i) => displayName(i).toLowerCase().includes(needle) || i.id.includes(needle));
}

export function initialPickerState(images: readonly PickerImage[], screenRows: number): PickerState {
  const newestFirst = [...images].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  return { images: newestFirst, filter: '', cursor: 0, scroll: 0, rows: listRows(screenRows) };
}

function moved(state: PickerState, cursor: number): PickerState {
  const count = filtered(state).length;
  const at = Math.max(0, Math.min(count - 1, cursor));
  const scroll = at < state.scroll ? at : at >= state.scroll + state.rows ? at - state.rows + 1 : state.scroll;
  return { ...state, cursor: Math.max(0, at), scroll: Math.max(0, scroll) };
}

function onKey(state: PickerState, key: PickerKey): PickerState {
  switch (key.kind) {
    case 'text':
      return { ...state, filter: state.filter + key.text, cursor: 0, scroll: 0 };
    case 'backspace':
      return { ...state, filter: state.filter.slice(0, -1), cursor: 0, scroll: 0 };
    case 'escape':
      return state.filter !== '' ? { ...state, filter: '', cursor: 0, scroll: 0 } : { ...state, outcome: null };
    case 'quit':
      return { ...state, outcome: null };
    case 'enter': {
      const chosen = filtered(state)[state.cursor];
      return chosen ? { ...state, outcome: chosen } : state;
    }
    case 'up':
      return moved(state, state.cursor - 1);
    case 'down':
      return moved(state, state.cursor + 1);
    case 'pageUp':
      return moved(state, state.cursor - state.rows);
    case 'pageDown':
      return moved(state, state.cursor + state.rows);
    case 'home':
      return moved(state, 0);
    case 'end':
      return moved(state, filtered(state).length - 1);
  }
}

export function reducePicker(state: PickerState, action: PickerAction): PickerState {
  // Once chosen or quit, later keys of the same chunk belong to whatever comes next, not to the list.
  if (state.outcome !== undefined) return state;
  if (action.type === 'resize') return moved({ ...state, rows: listRows(action.rows) }, state.cursor);
  return onKey(state, action.key);
}
