// The two side effects of the tree's content keys: the history view's steps (derived from the image,
// handed to the reducer so Enter knows each step's layer), and running an extraction the reducer asked for.
import { useEffect, useMemo, type Dispatch } from 'react';
import { pathHistory, type ImageModel, type PathId } from '../../core/index.js';
import { escapeName, fileHistoryRows } from '../../presentation/index.js';
import type { Action, ExplorerState } from '../state.js';

export type ExtractFile = (layer: number, path: PathId) => Promise<string>;

/** Rows of the history view for the open path ([] when closed). */
export function useFileHistory(image: ImageModel, path: PathId | undefined, dispatch: Dispatch<Action>): string[] {
  const steps = useMemo(() => (path === undefined ? [] : pathHistory(image, path)), [image, path]);
  useEffect(() => {
    if (path !== undefined) dispatch({ type: 'history', action: { type: 'loaded', path, layers: steps.map((s) => s.layer) } });
  }, [path, steps, dispatch]);
  return useMemo(() => fileHistoryRows(image, steps), [image, steps]);
}

/** Runs each extract request once; its one-line result (or error) goes to the status line, escaped. */
export function useExtract(extract: ExtractFile | undefined, request: ExplorerState['extractRequest'], dispatch: Dispatch<Action>): void {
  useEffect(() => {
    if (!request) return;
    if (!extract) {
      dispatch({ type: 'status', text: 'extract not available for this source' });
      return;
    }
    let live = true;
    extract(request.layer, request.path).then(
      (message) => {
        if (live) dispatch({ type: 'status', text: escapeName(message.split('\n')[0]!) });
      },
      (error: unknown) => {
        const text = String(error instanceof Error ? error.message : error).split('\n')[0]!;
        if (live) dispatch({ type: 'status', text: `extract failed: ${escapeName(text)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [extract, request, dispatch]);
}
