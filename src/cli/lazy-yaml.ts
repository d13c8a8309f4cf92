// yaml is loaded on first use, not at start: it is a third of the CLI's start-up (about 30 ms) and most
// runs never read a config file.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let yaml: typeof Yaml | undefined;

export const parseYamlDocument: typeof Yaml.parseDocument = (...args: Parameters<typeof Yaml.parseDocument>) =>
  (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml).parseDocument(...args);
