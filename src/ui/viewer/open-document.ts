// Which version the viewer shows and the document that pages it: the version visible at the selected
// layer (or the one that layer removed), read through the ContentReader the CLI handed the explorer.
import {
  pathHistory,
  versionAt,
  type ContentReader,
  type ImageModel,
  type LayerEntry,
  type PathHistoryStep,
  type PathId,
} from '../../core/index.js';
import { displayText, looksBinary, SNIFF_BYTES } from '../../presentation/content-lines.js';
import { unifiedDiff } from '../../presentation/line-diff.js';
import { ChunkCache } from './chunk-cache.js';
import { HexDocument, LineListDocument, type ViewDocument, type ViewLine } from './documents.js';
import { PagedText } from './paged-text.js';

export interface Version {
  readonly entry: LayerEntry;
  /** The layer that wrote it. */
  readonly layer: number;
  readonly removed: boolean;
  /** Content bytes (a hardlink's are its target's). */
  readonly size: number | undefined;
}

/** Diffs read both versions whole: bounded so that a diff never holds more than this of either. */
export const MAX_DIFF_BYTES = 1024 * 1024;

function sizeOf(image: ImageModel, entry: LayerEntry, layer: number): number | undefined {
  if (entry.kind === 'file') return entry.size;
  if (entry.kind !== 'hardlink' || entry.linkTarget === undefined) return undefined;
  // A hardlink's entry has no size of its own: its target's, as that layer saw it.
  const target = image.paths.find(entry.linkTarget);
  if (target === undefined) return undefined;
  const seen = versionAt(pathHistory(image, target), layer);
  return seen?.entry.kind === 'file' ? seen.entry.size : undefined;
}

export function versionOf(image: ImageModel, history: readonly PathHistoryStep[], layer: number): Version | undefined {
  const seen = versionAt(history, layer);
  return seen && { ...seen, size: sizeOf(image, seen.entry, seen.layer) };
}

function cacheFor(content: ContentReader, path: PathId, version: Version, signal?: AbortSignal): ChunkCache {
  return new ChunkCache((start, length) => content.read(version.layer, path, start, length, signal), version.size ?? 0, signal);
}

/** Text or hex, decided by the first 8 KB. */
export async function contentDocument(content: ContentReader, path: PathId, version: Version, signal?: AbortSignal): Promise<ViewDocument> {
  const cache = cacheFor(content, path, version, signal);
  const head = await cache.bytes(0, SNIFF_BYTES);
  return looksBinary(head) ? new HexDocument(cache) : new PagedText(cache);
}

export const note = (text: string): ViewDocument => new LineListDocument([{ text, tone: 'header' }]);

/** Lines of a whole (bounded) version, escaped for display. */
async function textLines(content: ContentReader, path: PathId, version: Version, signal?: AbortSignal): Promise<string[] | undefined> {
  const bytes = await content.read(version.layer, path, 0, version.size ?? 0, signal);
  if (looksBinary(bytes)) return undefined;
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end === -1 ? bytes.length : end + 1;
    lines.push(displayText(bytes.subarray(start, end)));
    start = end;
  }
  return lines;
}

const TONES: Record<string, ViewLine['tone']> = { '+': 'added', '-': 'removed', '@': 'hunk' };

/** `diff -u` of this version against the one before it, or a one-line note saying why there is none. */
export async function diffDocument(
  content: ContentReader,
  image: ImageModel,
  history: readonly PathHistoryStep[],
  path: PathId,
  current: Version,
  signal?: AbortSignal,
): Promise<ViewDocument> {
  const written = history.find((step) => step.writtenBy === current.layer && (step.change === 'added' || step.change === 'modified'));
  if (!written || written.change !== 'modified') return note(`No earlier version: added in layer ${current.layer + 1}.`);
  const before = versionOf(image, history, written.layer - 1);
  if (!before) return note('No earlier version.');
  return versionsDiff(
    { content, path, version: before, label: `layer ${before.layer + 1}` },
    { content, path, version: current, label: `layer ${current.layer + 1}` },
    signal,
  );
}

/** One side of a two-version diff: where its bytes come from, and what the header calls it (escaped). */
export interface DiffSide {
  readonly content: ContentReader;
  readonly path: PathId;
  readonly version: Version;
  readonly label: string;
}

/** `diff -u` of two versions (each bounded by MAX_DIFF_BYTES), or a one-line note saying why there is none. */
export async function versionsDiff(a: DiffSide, b: DiffSide, signal?: AbortSignal): Promise<ViewDocument> {
  for (const { version: v, label } of [a, b]) {
    if (v.size === undefined) return note(`${label}'s version is not a regular file: no diff.`);
    if (v.size > MAX_DIFF_BYTES) return note(`${label}'s version is over 1 MiB: no diff.`);
  }
  const [before, after] = await Promise.all([
    textLines(a.content, a.path, a.version, signal),
    textLines(b.content, b.path, b.version, signal),
  ]);
  if (!before || !after) return note('Binary files differ.');
  const diff = unifiedDiff(before, after, a.label, b.label);
  if (diff.length === 0) return note('Same content.');
  return new LineListDocument(
    diff.map((text, at) => ({ text, ...(at < 2 ? { tone: 'header' } : TONES[text[0]!] ? { tone: TONES[text[0]!] } : {}) })),
  );
}
