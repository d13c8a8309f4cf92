// The content commands' definitions (arguments, options, help), apart from what runs them, so that shell
// completion reads the same flags the parser takes (as it does the image command's and diff's).
import type { Command } from 'commander';
import { contentCommand, layerNumber } from './content-source.js';

const LAYER_HELP = 'layer number as the explorer shows it (1 = base; default: the final image)';

export function catProgram(): Command {
  return contentCommand('cat', "Write one file's bytes, as of a layer, to standard output.")
    .argument('<path>', 'the file, e.g. /etc/os-release')
    .option('--layer <n>', LAYER_HELP, layerNumber)
    .option('--raw', 'write control bytes to a terminal too')
    .addHelpText(
      'after',
      '\nExamples:\n  layerscope cat myapp:latest /etc/os-release\n  layerscope cat --layer 2 image.tar /app/config.json > config-at-2.json\n  layerscope cat registry:nginx /etc/nginx/nginx.conf',
    );
}

export function extractProgram(): Command {
  return contentCommand('extract', 'Extract a file or directory tree, as of a layer, into a directory.')
    .argument('<path>', 'the file or directory, e.g. /etc')
    .option('--layer <n>', LAYER_HELP, layerNumber)
    .option('-o, --output <dir>', 'where to put it', '.')
    .option('--force', 'overwrite files that are already there')
    .addHelpText(
      'after',
      '\nExamples:\n  layerscope extract myapp:latest /app -o ./app-files\n  layerscope extract --layer 3 image.tar /etc/ssl/certs\n  layerscope extract --force oci:./layout /usr/local/bin/tool',
    );
}

export function logProgram(): Command {
  return contentCommand('log', 'List every layer that touched a path.')
    .argument('<path>', 'the path, e.g. /etc/passwd')
    .option('--json', 'a JSON array of {layer, change, sizeBytes, hash, command} (no size or hash on removals: null)')
    .addHelpText('after', '\nExamples:\n  layerscope log myapp:latest /etc/passwd\n  layerscope log --json image.tar /app/package.json');
}

/** The definition of each content command that takes an image and a path in it. */
export const CONTENT_PROGRAMS: Readonly<Record<string, () => Command>> = { cat: catProgram, extract: extractProgram, log: logProgram };
