// The file viewer, full screen: a title saying which version this is, only the lines that fit (each
// already escaped), and a status line for search and messages.
import { Box, Text } from 'ink';
import { escapeName, formatBytes } from '../../presentation/index.js';
import { gutter, wrapRows } from '../../presentation/content-lines.js';
import { NumberedRow, Row } from '../components/row.js';
import type { Theme } from '../theme.js';
import type { ViewLine } from './documents.js';
import type { PagedContent } from './use-paged-document.js';
import type { ViewerContent } from './use-viewer-document.js';
import type { ViewerState } from './viewer-state.js';

export interface ViewerPaneProps {
  readonly viewer: ViewerState;
  readonly content: PagedContent & { readonly version?: ViewerContent['version'] };
  /** Said first in the title instead of the path and layer (the diff explorer names both images); escaped. */
  readonly heading?: string;
  /** The path as shown (absolute, not yet escaped). */
  readonly name: string;
  readonly layerCount: number;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

const TONE_COLORS: Record<NonNullable<ViewLine['tone']>, string> = { added: 'green', removed: 'red', hunk: 'cyan', header: 'yellow' };

function title(props: ViewerPaneProps): string {
  const { viewer, content } = props;
  const parts = props.heading
    ? [props.heading]
    : [`${viewer.mode === 'diff' ? 'Diff' : 'View'}: ${escapeName(props.name)}`, `layer ${viewer.layer + 1} of ${props.layerCount}`];
  const v = content.version;
  if (v && !props.heading) {
    if (v.layer !== viewer.layer || v.removed) parts.push(`written by layer ${v.layer + 1}${v.removed ? ', removed here' : ''}`);
    if (v.size !== undefined) parts.push(formatBytes(v.size));
  }
  if (content.kind) parts.push(content.kind);
  if (viewer.lineCount > 0) {
    // In the file's own numbering: a line longer than the viewer's cut (paged-text.ts) shows as several.
    const first = content.lines[0];
    const at = first?.number ?? first?.continues ?? Math.min(content.top + 1, viewer.lineCount);
    parts.push(`line ${at} of ${content.fileLines || viewer.lineCount}${viewer.complete ? '' : '+'}`);
  }
  if (viewer.wrap) parts.push('wrap');
  return parts.join(' · ');
}

/** Screen rows from the document lines: gutter, wrapping, at most `page` of them. */
interface ScreenRow {
  readonly text: string;
  /** The line number and bar, drawn as a Text of its own (see NumberedRow). */
  readonly gutter?: string;
  readonly color?: string;
  readonly inverse?: boolean;
}

function screenRows(props: ViewerPaneProps, page: number): ScreenRow[] {
  const { content, viewer, width, theme } = props;
  const rows: ScreenRow[] = [];
  const numbered = content.kind === 'text';
  const bar = theme.ascii ? '|' : '│';
  const gutterWidth = numbered ? content.numberWidth + 3 : 0;
  content.lines.forEach((line, at) => {
    if (rows.length >= page) return;
    const color = theme.color && line.tone ? TONE_COLORS[line.tone] : undefined;
    const inverse = content.top + at === viewer.match;
    const pieces = viewer.wrap ? wrapRows(line.text, Math.max(1, width - gutterWidth)) : [line.text];
    pieces.forEach((piece, i) => {
      if (rows.length >= page) return;
      const prefix = numbered ? { gutter: gutter(i === 0 ? line.number : undefined, content.numberWidth, bar) } : {};
      rows.push({ text: piece, ...prefix, ...(color ? { color } : {}), inverse });
    });
  });
  return rows;
}

export function ViewerPane(props: ViewerPaneProps) {
  const { viewer, content, height, width, theme } = props;
  const page = Math.max(1, height - 2);
  let body: ScreenRow[];
  if (!content.version && !props.heading) body = [{ text: `Nothing at this path in layer ${viewer.layer + 1}.` }];
  // The wait can be seconds: a compressed layer decompressed up to the file, a layer not kept fetched from
  // its registry or the image exported again by its daemon (then the layer's next files are seeks).
  else if (!content.kind && !viewer.message)
    body = [{ text: props.theme.ui('Reading…') }, { text: 'A first file of a layer waits while it is decompressed, fetched or exported.' }];
  else if (content.kind && viewer.complete && viewer.lineCount === 0) body = [{ text: '(empty file)' }];
  else body = screenRows(props, page);
  const status = viewer.searching ? `/${escapeName(viewer.query)}_` : props.theme.ui(viewer.message ?? '');
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate-end" bold inverse>
        {props.theme.ui(title(props)).padEnd(width)}
      </Text>
      <Box flexDirection="column" height={page}>
        {body.map((row, at) =>
          row.gutter === undefined ? (
            <Row key={at} text={row.text} color={row.color} inverse={row.inverse} />
          ) : (
            <NumberedRow key={at} gutter={row.gutter} text={row.text} color={row.color} inverse={row.inverse} />
          ),
        )}
      </Box>
      <Text wrap="truncate-end" color={theme.accent}>
        {status === '' ? ' ' : status}
      </Text>
    </Box>
  );
}
