// The commands a new user meets first: `completion SHELL`, the hidden `__complete` that the scripts call,
// and `help [keys]`. Daemon code is loaded only when an image name is being completed.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { diffProgram } from '../diff/diff-options.js';
import { buildProgram } from '../program.js';
import { complete } from './complete.js';
import { completionScript, SHELLS, type Shell } from './completion-scripts.js';
import { cachedImageNames } from './image-names.js';
import { keyTable } from './help-keys.js';
import { closest } from './suggest.js';
import { SUBCOMMANDS } from '../subcommands.js';

// Tab should never hang a prompt for long: a local daemon lists its images in milliseconds and one over
// ssh in about a second; one that takes longer gives no names, and is not asked again for a while
// (image-names.ts).
const ANSWER_MS = 2_000;

async function daemonImageNames(env: NodeJS.ProcessEnv): Promise<string[]> {
  const { resolveDockerEndpoint, listImages } = await import('../../io/daemon/index.js');
  const endpoint = await resolveDockerEndpoint({ env, home: homedir() });
  const images = await listImages({ endpoint, engine: 'docker' }, AbortSignal.timeout(ANSWER_MS));
  return images.filter((i) => i.repository !== '<none>').map((i) => `${i.repository}:${i.tag}`);
}

function contextNames(env: NodeJS.ProcessEnv): string[] {
  const meta = join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'contexts', 'meta');
  try {
    return readdirSync(meta).flatMap((dir) => {
      try {
        const name = (JSON.parse(readFileSync(join(meta, dir, 'meta.json'), 'utf8')) as { Name?: unknown }).Name;
        return typeof name === 'string' ? [name] : [];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

export async function runFirstContact(io: CliIo, command: string, args: readonly string[]): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  if (command === 'completion') {
    if (args[0] === '--help' || args[0] === '-h') {
      out(
        'Usage: layerscope completion bash|zsh|fish\n\nPrint the shell completion script.\n\nExamples:\n' +
          '  echo \'eval "$(layerscope completion bash)"\' >> ~/.bashrc\n' +
          '  echo \'eval "$(layerscope completion zsh)"\' >> ~/.zshrc\n' +
          '  layerscope completion fish > ~/.config/fish/completions/layerscope.fish\n',
      );
      return EXIT_OK;
    }
    const shell = args[0] as Shell | undefined;
    if (!shell || !SHELLS.includes(shell)) {
      throw new LayerscopeError(
        'usage',
        `completion needs a shell: ${SHELLS.join(', ')}`,
        'e.g. eval "$(layerscope completion bash)" in ~/.bashrc',
      );
    }
    out(completionScript(shell));
    return EXIT_OK;
  }
  if (command === '__complete') {
    // `__complete SHELL -- words…`: a shell asks; any failure prints nothing rather than an error.
    const words = args.slice(args.indexOf('--') + 1);
    const candidates = await complete(words.length > 0 ? words : [''], {
      imageNames: () => cachedImageNames(io.env, () => daemonImageNames(io.env)),
      contextNames: () => contextNames(io.env),
    }).catch(() => []);
    out(candidates.map((c) => `${c}\n`).join(''));
    return EXIT_OK;
  }
  // help [keys | COMMAND]
  if (args[0] === 'keys') {
    const at = args.indexOf('--config');
    out(keyTable(at >= 0 ? args[at + 1] : undefined, io.env));
    return EXIT_OK;
  }
  if (args[0] === 'diff') {
    diffProgram().configureOutput({ writeOut: out }).outputHelp();
    return EXIT_OK;
  }
  // Anything else that is not a command is a typo, not a request for the whole help with exit 0.
  const topic = args[0];
  if (topic !== undefined && !(SUBCOMMANDS as readonly string[]).includes(topic)) {
    const near = closest(topic, ['keys', ...SUBCOMMANDS]);
    throw new LayerscopeError(
      'usage',
      `no help on '${topic}'`,
      near ? `did you mean 'layerscope help ${near}'?` : 'layerscope help keys, layerscope help diff, or layerscope COMMAND --help',
    );
  }
  buildProgram().configureOutput({ writeOut: out }).outputHelp();
  return EXIT_OK;
}
