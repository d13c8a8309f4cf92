// One line of a pane. Memoised: a keypress re-renders only the rows whose text or style changed.
import { Box, Text } from 'ink';
import { memo } from 'react';

export interface RowProps {
  readonly text: string;
  readonly color?: string | undefined;
  readonly inverse?: boolean;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

export const Row = memo(function Row({ text, color, inverse, bold, dim }: RowProps) {
  return (
    <Text wrap="truncate-end" color={color} inverse={inverse} bold={bold} dimColor={dim}>
      {text === '' ? ' ' : text}
    </Text>
  );
});

/** A pane's title line: marked and inverted when the pane has the keyboard. */
export const Title = memo(function Title({ text, focused, focusGlyph }: { text: string; focused: boolean; focusGlyph: string }) {
  return (
    <Text wrap="truncate-end" bold inverse={focused}>
      {`${focused ? focusGlyph : ' '} ${text}`}
    </Text>
  );
});

/**
 * A numbered line: the gutter and the text as two Text nodes. Ink measures every Text of every frame
 * with string-width, which takes a fast path only for pure ASCII: one node per row with the gutter's │
 * sent each 120-column row down the grapheme-by-grapheme path (~70 µs a row, 2-3 ms of a viewer frame).
 */
export const NumberedRow = memo(function NumberedRow({ gutter, text, color, inverse }: RowProps & { readonly gutter: string }) {
  return (
    <Box>
      {/* The gutter keeps its width: only the text is cut at the pane's edge. */}
      <Box flexShrink={0}>
        <Text color={color} inverse={inverse}>
          {gutter}
        </Text>
      </Box>
      <Text wrap="truncate-end" color={color} inverse={inverse}>
        {text === '' ? ' ' : text}
      </Text>
    </Box>
  );
});
