// The explorer's first frame as a user sees it: the command runs in a real terminal (a tmux pane), and the
// time is from the shell starting the command to the first frame's bytes leaving the pane (tmux pipe-pane
// into a FIFO this process reads). The shell prints its clock ($EPOCHREALTIME, a bash builtin: no fork)
// right before exec; this process stamps each chunk of pane output as it arrives.
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { scratchFile } from './process-timing.mjs';

// eslint-disable-next-line no-control-regex
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g, '');
let runs = 0;
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Milliseconds from the command's start to `frameDone` matching the pane output (tags and colours stripped).
 * `env`: variables set for the command (tmux new-session -e).
 */
export async function firstFrameMs(argv, frameDone, env = {}, timeoutMs = 30_000) {
  const server = `layerscope-bench-${process.pid}-${runs++}`; // a fresh server each run: kill-server returns before it has exited
  const tmux = (...args) => execFileSync('tmux', ['-L', server, '-f', '/dev/null', ...args]);
  const fifo = scratchFile(`pane-${Date.now()}.fifo`);
  execFileSync('mkfifo', [fifo]);
  const command = `read -r _; printf 'START%s\\n' "$EPOCHREALTIME"; exec ${argv.map(quote).join(' ')}`;
  const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', ...vars, '-x', '100', '-y', '30', 'bash', '--norc', '--noprofile', '-c', command);
  try {
    const stream = createReadStream(fifo);
    const opened = new Promise((resolve) => stream.once('open', resolve));
    tmux('pipe-pane', '-o', `cat > ${quote(fifo)}`);
    await opened;
    let text = '';
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first frame in ${timeoutMs} ms; pane: ${text.slice(-300)}`)), timeoutMs);
      stream.on('data', (chunk) => {
        const now = performance.timeOrigin + performance.now();
        text += chunk.toString('utf8');
        const plain = stripAnsi(text);
        const start = /START(\d+)[.,](\d+)/.exec(plain);
        if (start && frameDone(plain.slice(start.index))) {
          clearTimeout(timer);
          resolve(now - Number(`${start[1]}.${start[2]}`) * 1000);
        }
      });
    });
    tmux('send-keys', 'Enter');
    return await done;
  } finally {
    // The pane's process is the command (bash execs it). kill-server returns before it has exited, and it
    // may still be filling its layer cache: the caller's next step (removing that cache) waits for it.
    let pid;
    try {
      pid = Number(tmux('display-message', '-p', '#{pane_pid}').toString().trim());
      tmux('kill-server');
    } catch {
      /* already gone */
    }
    await exited(pid);
  }
}

/** Waits until process `pid` has exited (at most 10 s); a zombie has (its new parent may reap it late). */
async function exited(pid) {
  const alive = () => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  for (let waited = 0; pid > 0 && alive() && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}
