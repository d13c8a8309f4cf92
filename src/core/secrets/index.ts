export * from './rules.js';
export * from './scan-text.js';
export * from './file-scan.js';
export * from './image-secrets.js';
