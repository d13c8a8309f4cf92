// What Enter shows on a changed file of the diff explorer: the unified diff of A's version against B's
// for a modified file, the one version there is for an added or removed file (text or hex, paged like
// the explorer's viewer), a note when only metadata changed. Each side reads its own image's bytes.
import { pathHistory, type ContentReader, type FileChange, type ImageModel } from '../../core/index.js';
import { escapeName } from '../../presentation/index.js';
import { absolutePath } from '../../presentation/image-path.js';
import { LineListDocument, type ViewDocument } from '../viewer/documents.js';
import { contentDocument, note, versionOf, versionsDiff, type DiffSide } from '../viewer/open-document.js';

export interface ComparedImage {
  readonly image: ImageModel;
  /** Reads that image's file bytes (its own layer store or archive). */
  readonly content: ContentReader;
  /** 'A' or 'B', as the explorer names the two images. */
  readonly label: string;
}

/** The final version of `path` in one image, as a diff side (undefined when the image does not have it). */
function finalVersion(side: ComparedImage, path: string): DiffSide | undefined {
  const id = side.image.paths.find(path);
  if (id === undefined) return undefined;
  const version = versionOf(side.image, pathHistory(side.image, id), side.image.layers.length - 1);
  if (!version || version.removed) return undefined;
  return { content: side.content, path: id, version, label: `${side.label} ${escapeName(absolutePath(path))}` };
}

function metadataNote(change: FileChange): ViewDocument {
  return new LineListDocument([{ text: `Same content in A and B: only the ${change.aspects.join(' and ')} changed.`, tone: 'header' }]);
}

export async function changeDocument(change: FileChange, a: ComparedImage, b: ComparedImage, signal?: AbortSignal): Promise<ViewDocument> {
  const before = change.change === 'added' ? undefined : finalVersion(a, change.path);
  const after = change.change === 'removed' ? undefined : finalVersion(b, change.path);
  if (change.change === 'modified') {
    if (!change.aspects.includes('content') && !change.aspects.includes('type')) return metadataNote(change);
    if (!before || !after) return note('One of the versions cannot be found: no diff.');
    return versionsDiff(before, after, signal);
  }
  const only = before ?? after;
  if (!only || only.version.size === undefined) return note('Not a regular file: no contents to show.');
  return contentDocument(only.content, only.path, only.version, signal);
}
