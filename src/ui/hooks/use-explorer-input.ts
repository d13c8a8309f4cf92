// The one input handler. It decides nothing: each key Ink reports goes to the reducer as it came, in
// order, and the reducer looks it up against the state of that moment (see key-reducer.ts). Looking
// keys up here, against the state of the last frame, misrouted keys that arrived faster than frames.
import { useInput } from 'ink';
import type { Dispatch } from 'react';
import { keyPresses } from '../key-names.js';
import type { ExplorerEvent } from '../state.js';

export function useExplorerInput(dispatch: Dispatch<ExplorerEvent>): void {
  useInput((input, key) => {
    for (const press of keyPresses(input, key)) dispatch({ type: 'key', press });
  });
}
