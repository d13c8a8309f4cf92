export * from './diff-format.js';
export * from './diff-text.js';
export * from './diff-markdown.js';
export * from './diff-json.js';
export * from './change-rows.js';
export * from './diff-layer-rows.js';
