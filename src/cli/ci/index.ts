// The CI gate's entry points for main.ts: flags, whether CI mode is on, prepare (before the image is
// read), run (after it is analysed).
export { registerCiOptions, ciRequested } from './options.js';
export { prepareCi, type PreparedCi } from './prepare.js';
export { runCi, wantsColor, EXIT_PASS, EXIT_RULE_FAILED, type RunCiInput } from './run.js';
export { loadConfigFile, parseConfigText, CONFIG_CANDIDATES } from './config-file.js';
/** Alias of prepareCi under the name the plan first gave it. */
export { prepareCi as loadCiConfig } from './prepare.js';
