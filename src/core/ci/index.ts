export * from './thresholds.js';
export * from './rules.js';
export * from './config.js';
export * from './evaluate.js';
export * from './policy.js';
export * from './glob.js';
