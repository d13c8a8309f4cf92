#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/bundle (`npm run build`: tsc into dist/, then scripts/bundle.mjs).
import { main } from '../dist/bundle/entry.js';

// The streams are asked for when used: `--version` makes none (src/cli/cli-io.ts, stdoutFd).
process.exitCode = await main({
  argv: process.argv,
  env: process.env,
  get stdin() {
    return process.stdin;
  },
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  stdoutFd: 1,
});
