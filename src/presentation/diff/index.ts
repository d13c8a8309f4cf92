export * from './diff-format.js';
export * from './diff-text.js';
export * from './diff-markdown.js';
export * from './diff-json.js';
