export * from './format-bytes.js';
export * from './escape-name.js';
export * from './tree-visibility.js';
export * from './tree-rows.js';
export * from './layer-rows.js';
export * from './details.js';
export * from './findings.js';
export * from './bars.js';
