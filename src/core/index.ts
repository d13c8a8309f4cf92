export * from './model.js';
export * from './errors.js';
export * from './path-table.js';
export * from './names.js';
export * from "./tree-types.js";
export * from './image-trees.js';
export * from './analyze.js';
export { entriesDiffer } from './entry-diff.js';
export { entryChanges, type EntryChange } from './entry-changes.js';
