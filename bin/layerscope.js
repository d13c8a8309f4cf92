#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/bundle (`npm run build`: tsc into dist/, then scripts/bundle.mjs).
import { main } from '../dist/bundle/entry.js';

process.exitCode = await main({
  argv: process.argv,
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
