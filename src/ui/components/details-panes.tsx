// Layer details (the selected layer's ids, size, date and whole command, wrapped) and image details
// (dive's numbers, the honest waste split, and the inefficient files, scrollable).
import { Box, Text } from 'ink';
import { INEFFICIENT_HEADER, type DetailLine } from '../../presentation/index.js';
import { imagePaneRows } from '../layout.js';
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
  /** Secrets found: the line that says so when the list gets no row (imagePaneRows). */
  readonly alert?: string | undefined;
  /** The keys that bring the keyboard here ('Tab Tab'), told after the alert when the line has room. */
  readonly alertKeys?: string;
  readonly top: number;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

/** `Secrets: 3 found (Tab Tab: list)`; a narrower pane keeps the count whole rather than half a key name. */
function alertText(alert: string, keys: string | undefined, width: number): string {
  const full = `${alert} (${keys}: list)`;
  return keys && [...full].length <= width ? full : alert;
}

export function ImagePane(props: ImagePaneProps) {
  const { title, summary, files, header = INEFFICIENT_HEADER, alert, alertKeys, top, focused, height, width, theme } = props;
  // The same sharing of rows the reducer pages with (layout.ts), so what scrolls is what is drawn.
  const rows = imagePaneRows(height, files.length, focused, alert !== undefined, summary.length);
  const page = rows.list;
  const shown = files.slice(top, top + page);
  const more = files.length > page && page > 0 ? ` ${top + 1}-${Math.min(files.length, top + page)}/${files.length}` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={title} focused={focused} focusGlyph={theme.glyphs.focus} />
      {rows.alert ? <Row text={alertText(alert!, alertKeys, width)} bold color={theme.alert} /> : null}
      {summary.slice(0, rows.summary).map((line, at) => (
        <Row key={at} text={line} />
      ))}
      {rows.header ? <Row text={files.length === 0 ? 'No inefficient files' : `${header}${more}`} bold /> : null}
      {/* Focused, the top line is the one Enter acts on (a secret's file). */}
      {shown.map((line, at) => (
        <Row key={top + at} text={line} inverse={focused && at === 0} />
      ))}
    </Box>
  );
}
