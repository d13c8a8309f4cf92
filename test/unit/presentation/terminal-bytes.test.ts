// What `cat` to a terminal refuses: C0 (but tab, LF, CR), DEL, and C1 controls as UTF-8 (C2 80..C2 9F).
// Expectations follow the byte tables of ECMA-48 and RFC 3629, not the code.
import { describe, expect, test } from 'vitest';
import { hasTerminalControls } from '../../../src/presentation/terminal-bytes.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hasTerminalControls', () => {
  test.each([
    ['plain text with tab, CRLF', utf8('a\tb\r\n'), false],
    ['ESC', utf8('\x1b[31m'), true],
    ['BEL', utf8('\x07'), true],
    ['DEL', utf8('\x7f'), true],
    ['CSI as UTF-8 (C2 9B)', utf8('a\u009b2J'), true],
    ['OSC as UTF-8 (C2 9D)', utf8('\u009d0;pwned\u009c'), true],
    ['first C1, U+0080 (C2 80)', Uint8Array.of(0xc2, 0x80), true],
    ['last C1, U+009F (C2 9F)', Uint8Array.of(0xc2, 0x9f), true],
    ['NBSP U+00A0 (C2 A0), just past C1', Uint8Array.of(0xc2, 0xa0), false],
    ['€ (E2 82 AC): 0x82 as a continuation byte is text', utf8('5 €\n'), false],
    ['é, ©, 日本', utf8('café © 日本\n'), false],
  ])('%s', (_, bytes, refused) => expect(hasTerminalControls(bytes)).toBe(refused));

  test('a C1 control split across two chunks (C2 | 9B) is caught by the byte before', () => {
    expect(hasTerminalControls(Uint8Array.of(0x9b, 0x32, 0x4a), 0xc2)).toBe(true);
    expect(hasTerminalControls(Uint8Array.of(0x82, 0xac), 0xe2)).toBe(false);
  });
});
