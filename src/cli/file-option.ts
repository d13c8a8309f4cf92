// The value of an option that names a file (`--json FILE`, `--ci-report FILE`): commander takes the next
// word whatever it is, so `layerscope --json --no-cache app.tar` wrote the JSON to a file named
// "--no-cache" and read the image with the cache. A value that looks like an option is refused instead
// ('-' is stdout, and ./-name still names a file that starts with a dash).
import { InvalidArgumentError } from 'commander';

export function fileValue(value: string): string {
  if (value.startsWith('-') && value !== '-') {
    throw new InvalidArgumentError(`It looks like an option: give the file first ('-' for stdout, ./${value} for a file named so).`);
  }
  return value;
}
