// The viewer's document in the diff explorer: the change under the viewer's path (a path id of the
// change tree), opened through changeDocument and paged like the explorer's viewer.
import { useMemo, type Dispatch } from 'react';
import type { ChangeTree, ContentReader, ImageModel } from '../../core/index.js';
import { absolutePath } from '../../presentation/image-path.js';
import { escapeName } from '../../presentation/index.js';
import type { Action } from '../state.js';
import { usePagedDocument, type DocumentOpener, type PagedContent } from '../viewer/use-paged-document.js';
import type { ViewerState } from '../viewer/viewer-state.js';
import { changeDocument } from './change-document.js';

const HEADINGS = { modified: 'Diff', added: 'Added in B', removed: 'Removed in B' } as const;

export function useChangeDocument(
  tree: ChangeTree,
  viewer: ViewerState | undefined,
  a: ImageModel,
  b: ImageModel,
  content: { readonly a: ContentReader; readonly b: ContentReader } | undefined,
  page: number,
  dispatch: Dispatch<Action>,
): PagedContent & { readonly heading: string } {
  const path = viewer?.path;
  // The tree in either order has the same path ids (one path table), so the change is found in the shown one.
  const change = path === undefined ? undefined : tree.change[tree.indexOf(path)];
  const open = useMemo<DocumentOpener | undefined>(() => {
    if (!change || !content) return undefined;
    return (signal) =>
      changeDocument(change, { image: a, content: content.a, label: 'A' }, { image: b, content: content.b, label: 'B' }, signal);
  }, [change, content, a, b]);
  const paged = usePagedDocument(open, viewer, page, dispatch);
  const heading = change ? `${HEADINGS[change.change]}: ${escapeName(absolutePath(change.path))}` : 'Not a changed file';
  return { ...paged, heading };
}
