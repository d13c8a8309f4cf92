// Words that name a command rather than an image (`layerscope diff A B`), apart from the command line's
// parser so that the entry can tell them without loading it (early-daemon-read.ts).
export const SUBCOMMANDS = ['diff', 'cat', 'extract', 'log', 'cache', 'completion', 'help'] as const;

/** Shell completion's hidden command, asked on every TAB. */
export const COMPLETE_COMMAND = '__complete';
