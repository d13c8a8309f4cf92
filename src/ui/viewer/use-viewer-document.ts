// What the explorer's viewer shows: the version of the file visible at the selected layer (or the
// diff with the version before it), paged by usePagedDocument.
import { useMemo, type Dispatch } from 'react';
import { pathHistory, type ContentReader, type ImageModel } from '../../core/index.js';
import type { Action } from '../state.js';
import { contentDocument, diffDocument, versionOf, type Version } from './open-document.js';
import { usePagedDocument, type DocumentOpener, type PagedContent } from './use-paged-document.js';
import type { ViewerState } from './viewer-state.js';

export interface ViewerContent extends PagedContent {
  readonly version: Version | undefined;
}

export function useViewerDocument(
  image: ImageModel,
  content: ContentReader | undefined,
  viewer: ViewerState | undefined,
  page: number,
  dispatch: Dispatch<Action>,
): ViewerContent {
  const path = viewer?.path;
  const history = useMemo(() => (path === undefined ? [] : pathHistory(image, path)), [image, path]);
  const layer = viewer?.layer;
  const version = useMemo(() => (layer === undefined ? undefined : versionOf(image, history, layer)), [image, history, layer]);
  const mode = viewer?.mode;
  const open = useMemo<DocumentOpener | undefined>(() => {
    if (path === undefined || !content || !version) return undefined;
    return (signal) =>
      mode === 'diff' ? diffDocument(content, image, history, path, version, signal) : contentDocument(content, path, version, signal);
  }, [content, image, history, path, version, mode]);
  return { version, ...usePagedDocument(open, viewer, page, dispatch) };
}
