// Pages any document the viewer shows: opens it when the viewer opens (or the document changes),
// reads the visible lines whenever the first line or the page changes, runs searches. Results come
// back as reducer actions; a load that finishes after the view moved on is dropped.
import { useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import { escapeName } from '../../presentation/index.js';
import type { Action } from '../state.js';
import type { ViewDocument, ViewLine } from './documents.js';
import type { ViewerState } from './viewer-state.js';

/** What the viewer pane draws of the open document. */
export interface PagedContent {
  readonly kind: ViewDocument['kind'] | undefined;
  readonly numberWidth: number;
  /** The file's lines known so far (a long line shown as several counts once): what the header counts. */
  readonly fileLines: number;
  /** Lines from the viewer's first line on (at least a page of them unless the file ends). */
  readonly lines: readonly ViewLine[];
  readonly top: number;
}

/** Lines found ahead of the screen, in steps (a multiple of the paged index's checkpoint spacing). */
const LOOK_AHEAD = 512;
const SLOW_SEARCH_MS = 150;

const oneLine = (error: unknown): string => escapeName(String(error instanceof Error ? error.message : error).split('\n')[0]!);

/** Opens the document the viewer shows; `signal` aborts its reads once the viewer moved on. */
export type DocumentOpener = (signal: AbortSignal) => Promise<ViewDocument>;

/**
 * Pages any document: opened with `open` whenever it changes or the viewer reopens (generation), then
 * the visible lines read as the viewer scrolls, and searches run.
 */
export function usePagedDocument(
  open: DocumentOpener | undefined,
  viewer: ViewerState | undefined,
  page: number,
  dispatch: Dispatch<Action>,
): PagedContent {
  const [doc, setDoc] = useState<{ doc: ViewDocument; generation: number }>();
  const [shown, setShown] = useState<{ lines: readonly ViewLine[]; top: number; doc: ViewDocument }>();
  const generation = viewer?.generation;
  const loaded = (d: ViewDocument, gen: number, message?: string): void =>
    dispatch({
      type: 'viewer',
      action: { type: 'loaded', generation: gen, lineCount: d.lineCount(), complete: d.complete(), page, ...(message ? { message } : {}) },
    });

  useEffect(() => {
    setDoc(undefined);
    if (generation === undefined || !open) return;
    let live = true;
    // Closing the viewer (or reopening it) stops reads and walks still running for this document.
    const stop = new AbortController();
    open(stop.signal).then(
      (d) => {
        if (live) setDoc({ doc: d, generation });
      },
      (error: unknown) => {
        if (live)
          dispatch({
            type: 'viewer',
            action: { type: 'loaded', generation, lineCount: 0, complete: true, page, message: `cannot read: ${oneLine(error)}` },
          });
      },
    );
    return () => {
      live = false;
      stop.abort();
    };
  }, [open, generation, dispatch]);

  const top = viewer?.top ?? 0;
  const wantBottom = viewer?.wantBottom ?? false;
  const opened = doc && doc.generation === generation ? doc.doc : undefined;
  // Lines whose bytes are cached come synchronously, so a scroll key draws one frame, not two.
  const cached = useMemo(() => opened?.linesCached(top, page), [opened, top, page, shown]);
  // What the last render drew from the cache: the load below then has nothing to draw.
  const drawn = useRef<{ doc: ViewDocument; top: number; page: number }>(undefined);
  drawn.current = cached && opened ? { doc: opened, top, page } : undefined;
  useEffect(() => {
    if (!doc) return;
    let live = true;
    const { doc: d, generation: gen } = doc;
    (async () => {
      // Find lines ahead in steps of LOOK_AHEAD, so scrolling draws no extra frame per newly found line.
      await d.ensure(wantBottom ? Infinity : Math.ceil((top + 2 * page) / LOOK_AHEAD) * LOOK_AHEAD);
      const drew = drawn.current?.doc === d && drawn.current.top === top && drawn.current.page === page;
      const lines = drew ? undefined : await d.lines(top, page);
      if (!live) return;
      if (lines) setShown({ lines, top, doc: d });
      loaded(d, gen);
    })().catch((error: unknown) => {
      if (live) loaded(d, gen, `cannot read: ${oneLine(error)}`);
    });
    return () => {
      live = false;
    };
  }, [doc, top, page, wantBottom]);

  const request = viewer?.searchRequest;
  useEffect(() => {
    if (!doc || !request) return;
    let live = true;
    const { doc: d, generation: gen } = doc;
    // A search that takes longer than this says so (shorter ones draw only their answer).
    const slow = setTimeout(() => {
      if (live) dispatch({ type: 'viewer', action: { type: 'slowSearch', generation: gen, seq: request.seq } });
    }, SLOW_SEARCH_MS);
    const finish = (line: number, message?: string): void => {
      clearTimeout(slow);
      if (!live) return;
      dispatch({
        type: 'viewer',
        action: {
          type: 'found',
          generation: gen,
          seq: request.seq,
          line,
          page,
          lineCount: d.lineCount(),
          complete: d.complete(),
          ...(message ? { message } : {}),
        },
      });
    };
    if (d.kind === 'hex') finish(-1, 'search works on text; this file is shown as hex');
    else {
      // Lines past the match are found before it is answered, so its page is drawn from the cache in the
      // same frame as the answer (not one frame later, after the load effect).
      const found = async (): Promise<number> => {
        const line = await d.search(request.query, request.from, request.direction);
        if (line >= 0) await d.ensure(Math.ceil((line + 2 * page) / LOOK_AHEAD) * LOOK_AHEAD);
        return line;
      };
      found().then(
        (line) => finish(line),
        (error: unknown) => finish(-1, `cannot read: ${oneLine(error)}`),
      );
    }
    return () => {
      live = false;
      clearTimeout(slow);
    };
  }, [doc, request]);

  // Until the effects catch up with a reopened viewer or a diff toggle, show nothing of the old document.
  const fileLines = opened?.fileLineCount() ?? 0;
  if (cached) return { kind: opened?.kind, numberWidth: opened?.numberWidth() ?? 0, fileLines, lines: cached, top };
  const current = shown && opened && shown.doc === opened ? shown : undefined;
  return {
    kind: opened?.kind,
    numberWidth: opened?.numberWidth() ?? 0,
    fileLines,
    lines: current?.lines ?? [],
    top: current?.top ?? top,
  };
}
