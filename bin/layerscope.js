#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm install` / `npm run build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main({
  argv: process.argv,
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
