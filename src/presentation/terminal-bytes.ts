// Whether a file's bytes may go to a terminal as they are (`layerscope cat` with stdout a TTY). File
// content is untrusted: a control character in it could retitle the window, re-colour or fake output.
// ESC and the other C0 controls are the obvious ones, but a terminal that decodes UTF-8 first (xterm,
// VTE and others) then acts on C1 controls too: U+009B is CSI and U+009D is OSC, each a single
// character that does what ESC [ and ESC ] do. Encoded in UTF-8 they are the two bytes C2 80..C2 9F.
// A lone byte 0x80..0x9F is not looked at: in UTF-8 it is the continuation byte of ordinary text
// (€ is E2 82 AC), and a UTF-8 terminal shows it as invalid, never as a control.

const C1_LEAD = 0xc2;

function c0OrDel(b: number): boolean {
  // Tab, newline and CR are what text is made of; everything else below space, and DEL, is a control.
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;
}

/**
 * True when `bytes` hold a control character a terminal could act on. `before` is the last byte of the
 * previous chunk (0 for the first), so a C1 control split across two reads (C2 | 9B) is still caught.
 */
export function hasTerminalControls(bytes: Uint8Array, before = 0): boolean {
  let previous = before;
  for (const b of bytes) {
    if (c0OrDel(b) || (previous === C1_LEAD && b >= 0x80 && b <= 0x9f)) return true;
    previous = b;
  }
  return false;
}
