// yaml is loaded on first use, not at start: it is a third of the CLI's start-up (about 30 ms) and most
// runs never read a config file.
import type * as Yaml from 'yaml';
import { requiredOnUse } from '../io/required-on-use.js';

const yaml = requiredOnUse<typeof Yaml>('yaml');

export const parseYamlDocument: typeof Yaml.parseDocument = (...args: Parameters<typeof Yaml.parseDocument>) =>
  yaml().parseDocument(...args);
