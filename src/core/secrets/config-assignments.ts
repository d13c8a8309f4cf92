// The NAME=value pairs of an image config's text, and whether a value under a secret's name is one.
// Docker records a RUN's build arguments before its command, unquoted, as `|N A=v1 B=v2 cmd` (BuildKit:
// `RUN |N …`): a value may hold spaces, and the count N says how many pairs come, so each value runs to
// the next pair's NAME=, and the last to the command, which starts with a path (`/bin/sh -c`, or an
// exec-form RUN's program), or else to its first space.
import { FILLER, PLACEHOLDER } from './rules.js';

export interface Assignment {
  readonly name: string;
  readonly value: string;
  /** Where the value starts and ends in the text. */
  readonly start: number;
  readonly end: number;
}

const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
/** ENV and LABEL words of a command: NAME=value, the value quoted or one word. */
const WORD_ASSIGNMENT = new RegExp(`(?:^|\\s)(${NAME})=("[^"]*"|'[^']*'|\\S*)`, 'g');
const BUILD_ARGS = /^(?:RUN )?\|(\d+) /;
/** Where the last argument's value ends: at the command, which starts with a path (/bin/sh -c …, /app). */
const COMMAND = / \/| cmd \/S \/C /;
const PAIR = new RegExp(`^(${NAME})=`);
const NEXT_PAIR = new RegExp(` ${NAME}=`);

/** The build arguments a history command starts with (`|N …`), and where its command starts. */
export function buildArguments(text: string): { args: Assignment[]; rest: number } {
  const head = BUILD_ARGS.exec(text);
  if (!head) return { args: [], rest: 0 };
  const count = Number(head[1]);
  const args: Assignment[] = [];
  let at = head[0].length;
  for (let i = 0; i < count; i++) {
    const pair = PAIR.exec(text.slice(at));
    if (!pair) break;
    const start = at + pair[0].length;
    const next = (i + 1 < count ? NEXT_PAIR : COMMAND).exec(text.slice(start));
    const end = next ? start + next.index : (text.indexOf(' ', start) + 1 || text.length + 1) - 1;
    args.push({ name: pair[1]!, value: text.slice(start, end), start, end });
    at = end + 1;
  }
  return { args, rest: Math.min(at, text.length) };
}

/** The NAME=value words of a command from `from` on (ENV and LABEL steps). */
export function wordAssignments(text: string, from = 0): Assignment[] {
  const out: Assignment[] = [];
  WORD_ASSIGNMENT.lastIndex = from;
  for (let m = WORD_ASSIGNMENT.exec(text); m; m = WORD_ASSIGNMENT.exec(text)) {
    const end = m.index + m[0].length;
    out.push({ name: m[1]!, value: m[2]!, start: end - m[2]!.length, end });
  }
  return out;
}

/** A name that says its value is a secret (the .env rule's words, any case, `.` or `-` between). */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API[_.-]?KEY|PRIVATE[_.-]?KEY|ACCESS[_.-]?KEY/i;
/** ...unless it names something about the secret: where it is, how long it lives, how it is sent. */
const ABOUT_A_SECRET =
  /[_.-](?:FILE|DIR|PATH|URL|URI|ENDPOINT|HOST|PORT|HEADER|TTL|LENGTH|ALGO|ALGORITHM|NAME|TYPE|MODE|ENABLED|EXPIRY|EXPIRES|TIMEOUT|VERSION|SIZE|HASH)$/i;
const PLACEHOLDER_WORD = /^(?:placeholder|dummy|none|null|undefined|true|false|todo|tbd|test|redacted)$/i;

/**
 * Whether `value` under `name` is a secret: the name says so, and the value is not a URL without
 * credentials, a path, a shell substitution, a number or duration, or a placeholder. What is left is
 * the value itself, quotes taken off, or undefined.
 */
export function namedSecret(name: string, value: string): string | undefined {
  if (!SECRET_NAME.test(name) || ABOUT_A_SECRET.test(name)) return undefined;
  const v = value
    .trim()
    .replace(/^(["'])(.*)\1$/s, '$2')
    .trim();
  if (v.length < 8) return undefined;
  if (/^[a-z][\w+.-]*:\/\/(?![^/\s]*@)/i.test(v) || /^[~/.]/.test(v) || /\$[({A-Za-z_]/.test(v)) return undefined;
  if (/^\d+(?:\.\d+)?[a-z]{0,3}$/i.test(v) || PLACEHOLDER.test(v) || PLACEHOLDER_WORD.test(v) || FILLER.test(v)) return undefined;
  return v;
}
