// One line of a pane. Memoised: a keypress re-renders only the rows whose text or style changed.
import { Text } from 'ink';
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
