// The commands that move a cursor, and how: the same keys move the tree, the layer list, the image
// list, the file viewer and the history view.
import type { Command } from './keymap.js';
import type { Move } from './state.js';

export const MOVES: Partial<Record<Command, Move>> = {
  up: 'up',
  down: 'down',
  'page-up': 'pageUp',
  'page-down': 'pageDown',
  top: 'top',
  bottom: 'bottom',
};
