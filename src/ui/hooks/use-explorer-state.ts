// The state machinery both explorers (one image, and the comparison of two) share: the reducer that
// resolves keys, the cursor anchor settled before a frame is drawn, resizes and quitting.
import { useApp } from 'ink';
import { useCallback, useEffect, useReducer, type Dispatch } from 'react';
import { initialState, type ExplorerEvent, type ExplorerState, type InitialCounts } from '../state.js';
import { useExplorerInput } from './use-explorer-input.js';
import { useTerminalSize, type SizeSource } from './use-terminal-size.js';

export interface ExplorerStateOptions {
  readonly counts: InitialCounts;
  /** The CLI gave the explorer a way to read file bytes. */
  readonly contentAvailable: boolean;
  /** For tests: start from this state instead of the initial one. */
  readonly initial?: Partial<ExplorerState> | undefined;
  readonly sizeSource?: SizeSource | undefined;
  /** Called once when the user quits; by default the Ink app exits. */
  readonly onQuit?: (() => void) | undefined;
}

export function useExplorerState(
  reducer: (state: ExplorerState, event: ExplorerEvent) => ExplorerState,
  options: ExplorerStateOptions,
): [ExplorerState, Dispatch<ExplorerEvent>] {
  const { sizeSource, onQuit } = options;
  const [state, dispatch] = useReducer(reducer, undefined, () => ({
    ...initialState(options.counts),
    contentAvailable: options.contentAvailable,
    ...options.initial,
  }));
  // A step that changed the tree left the cursor anchored to its file until the new rows are known:
  // they are now. Dispatching during render makes React run this render again at once, before anything
  // is drawn, so no frame shows the cursor off its file and no second frame is drawn.
  if (state.anchor) dispatch({ type: 'settleAnchor' });
  useTerminalSize(
    sizeSource,
    useCallback((columns, rows) => dispatch({ type: 'resize', columns, rows }), []),
  );
  const { exit } = useApp();
  useEffect(() => {
    if (state.quit) (onQuit ?? exit)();
  }, [state.quit, onQuit, exit]);
  useExplorerInput(dispatch);
  return [state, dispatch];
}
