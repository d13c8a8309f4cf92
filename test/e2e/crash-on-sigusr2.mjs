// Preloaded into the real CLI by the tmux tests (node --import): SIGUSR2 throws an uncaught exception
// from a timer, so the test can check a crash mid-explorer restores the terminal and is reported.
process.on('SIGUSR2', () =>
  setTimeout(() => {
    throw new Error('crash on purpose (test/e2e/crash-on-sigusr2.mjs)');
  }, 0),
);
