// The image command's flags and help, apart from main so that shell completion reads the same
// definitions the parser uses (completion can never offer a flag that does not exist).
import { fileValue } from './file-option.js';
import { Command, Option } from 'commander';
import { registerDaemonOptions } from './daemon-options.js';
import { registerRegistryOptions } from './registry-options.js';
import { registerCiOptions } from './ci/index.js';
import { SOURCE_FLAG_VALUES } from './source-spec.js';
import { VERSION } from './version.js';

const EXAMPLES = [
  '',
  'Examples:',
  '  layerscope myapp:latest                  explore an image from the Docker daemon',
  '  layerscope image.tar                     explore a docker save / podman save / skopeo archive',
  '  layerscope --ci --json report.json app   gate CI on wasted space, keep the analysis as JSON',
  '  layerscope demo                          a built-in demo image (no daemon needed)',
  '',
  'Commands:',
  '  diff A B                 compare two images (layerscope diff --help)',
  "  cat SOURCE PATH          a file's bytes, as of a layer (also extract, log; each with --help)",
  '  cache ls|prune           the layer store that keeps layers read from streams',
  '  completion bash|zsh|fish print a shell completion script',
  "  help keys                the explorer's keys",
].join('\n');

export function buildProgram(): Command {
  const program = new Command('layerscope')
    .description('Explore the layers of a container image, and gate CI on how much space it wastes.')
    .version(VERSION, '-v, --version')
    .argument(
      '[source]',
      'image: NAME[:TAG] (docker daemon, else its registry), docker:REF, registry:REF, podman:REF, docker-archive:PATH, oci-archive:PATH, oci:DIR[:REF], a file path, - (stdin), or demo',
    )
    .option('--json <file>', "write the analysis as JSON to FILE ('-' for stdout) instead of opening the explorer", fileValue)
    .option('--json-files', "with --json: include every layer's file list")
    .addOption(new Option('--source <kind>', 'how to read a bare SOURCE (dive spelling)').choices([...SOURCE_FLAG_VALUES]))
    .option('--platform <os/arch[/variant]>', "which image of a multi-platform index to read (default: this host's)")
    .option('--lenient', 'analyse images with whiteouts that delete nothing (reported as warnings)')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--ascii', 'ASCII tree guides (default when the locale is not UTF-8)')
    .option('--config <file>', 'key bindings file (default: $XDG_CONFIG_HOME/layerscope/config.yaml)')
    .option('--debug', 'print stack traces of internal errors')
    .option(
      '--keep-layers',
      'explorer: keep the layers of a daemon, podman, registry or stdin image in the layer store as they are read (a slower read; without it, the first file viewed reads its layer again, and a stdin image cannot show files)',
    )
    .option('--no-secret-scan', 'do not scan the layers for secrets (keys, tokens, credentials files)')
    .option('--no-cache', 'neither use nor fill the layer cache (parsed layers by diff id)')
    .option('--cache-max <size>', 'layer cache cap (default LAYERSCOPE_CACHE_MAX, else 5G)')
    .addHelpText('after', EXAMPLES);
  registerDaemonOptions(program);
  registerRegistryOptions(program);
  registerCiOptions(program);
  return program;
}
