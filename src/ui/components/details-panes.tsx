// Layer details (the selected layer's ids, size, date and whole command, wrapped) and image details
// (dive's numbers, the honest waste split, and the inefficient files, scrollable).
import { Box, Text } from 'ink';
import { INEFFICIENT_HEADER, type DetailLine } from '../../presentation/index.js';
import type { Theme } from '../theme.js';
import { Row, Title } from './row.js';

export function LayerDetailsPane(props: { title: string; lines: readonly DetailLine[]; height: number; width: number; theme: Theme }) {
  const { title, lines, height, width, theme } = props;
  const command = lines.find((l) => l.label === 'Command');
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {/* The fixed lines never shrink; the wrapped command takes what is left and is cut at the bottom. */}
      <Box flexDirection="column" flexShrink={0}>
        <Title text={title} focused={false} focusGlyph={theme.glyphs.focus} />
        {lines
          .filter((l) => l !== command)
          .map((l) => (
            <Row key={l.label} text={`${l.label}: ${l.value}`} />
          ))}
      </Box>
      {command ? (
        <Box flexShrink={1} overflow="hidden">
          <Text wrap="wrap">
            <Text bold>Command: </Text>
            {command.value}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

export interface ImagePaneProps {
  readonly title: string;
  readonly summary: readonly string[];
  readonly files: readonly string[];
  /** Bold line above the list (default: the inefficient files' column header). */
  readonly header?: string;
  readonly top: number;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

export function ImagePane({ title, summary, files, header = INEFFICIENT_HEADER, top, focused, height, width, theme }: ImagePaneProps) {
  // On short terminals the summary comes first, then the list header, then as many files as fit.
  const room = Math.max(0, height - 1);
  const shownSummary = summary.slice(0, room);
  const listRoom = room - shownSummary.length;
  const page = Math.max(0, listRoom - 1);
  const shown = files.slice(top, top + page);
  const more = files.length > page && page > 0 ? ` ${top + 1}-${Math.min(files.length, top + page)}/${files.length}` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={title} focused={focused} focusGlyph={theme.glyphs.focus} />
      {shownSummary.map((line, at) => (
        <Row key={at} text={line} />
      ))}
      {listRoom > 0 ? <Row text={files.length === 0 ? 'No inefficient files' : `${header}${more}`} bold /> : null}
      {/* Focused, the top line is the one Enter acts on (a secret's file). */}
      {shown.map((line, at) => (
        <Row key={top + at} text={line} inverse={focused && at === 0} />
      ))}
    </Box>
  );
}
