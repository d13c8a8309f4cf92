// A JSON document as pieces of text, byte for byte what stringifySafeJson(value, 2) writes, for
// documents too big to hold twice. `--json` of the 50k-file fixture is 6.6 MB, and as one string it was
// held next to its UTF-8 bytes while written (peak RSS 158-160 MB, against 140 MB without the document);
// an image with a few hundred thousand files and --json-files would pass V8's longest string (~512 MB)
// and fail. Long arrays, and what holds them, are written in pieces; the rest goes to JSON.stringify.
import { safeJsonText } from './safe-json.js';

const GAP = '  ';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && !('toJSON' in v);

/** An array longer than this is written SLICE members at a time. */
const LONG = 64;

/**
 * Worth writing a member at a time: a long array, or a container with one among its members, looked
 * for `levels` deep (a layer's `files` sits three levels down). Anything else is small enough for one
 * JSON.stringify call.
 */
function opened(v: unknown, levels = 3): boolean {
  if (Array.isArray(v)) return v.length > LONG || (levels > 0 && v.some((m) => opened(m, levels - 1)));
  if (levels === 0 || !isPlainObject(v)) return false;
  for (const key in v) if (opened(v[key], levels - 1)) return true;
  return false;
}

/** JSON.stringify(v, null, 2) as it reads `depth` levels down: its own newlines carry the indentation. */
const whole = (v: unknown, depth: number): string | undefined => JSON.stringify(v, null, GAP)?.replaceAll('\n', `\n${GAP.repeat(depth)}`);

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const unwritable = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Members with nothing long in them are written by JSON.stringify a slice at a time, not one by one:
 * a call per member made `--json` of the 50k-file fixture 14% slower (1.81 against 1.59 s, whole
 * process), and slices of 256 kept strings in V8's large-object space (peak RSS 149 against 141 MB).
 */
const SLICE = 64;

function* arrayMembers(value: unknown[], depth: number): Generator<string> {
  const pad = GAP.repeat(depth);
  for (let from = 0; from < value.length; from += SLICE) {
    const slice = value.slice(from, from + SLICE);
    if (from > 0) yield ',';
    if (slice.some((m) => opened(m, 2))) {
      for (let i = 0; i < slice.length; i++) {
        yield `${i === 0 ? '' : ','}\n${pad}${GAP}`;
        yield* members(slice[i], depth + 1);
      }
      continue;
    }
    // "[\n  a,\n  b\n]" written from the top: its members, each line indented `depth` levels more.
    const text = JSON.stringify(slice, null, GAP);
    yield `\n${pad}${text.slice(2, -2).replaceAll('\n', `\n${pad}`)}`;
  }
}

function* members(node: unknown, depth: number): Generator<string> {
  if (!opened(node)) {
    yield whole(node, depth) ?? 'null';
    return;
  }
  const value = node as unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    yield* arrayMembers(value, depth);
    yield `\n${GAP.repeat(depth)}]`;
    return;
  }
  const keys = Object.keys(value).filter((k) => !unwritable(value[k]));
  if (keys.length === 0) return void (yield '{}');
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? '' : ','}\n${GAP.repeat(depth + 1)}${JSON.stringify(keys[i])}: `;
    yield* members(value[keys[i]!], depth + 1);
  }
  yield `\n${GAP.repeat(depth)}}`;
}

/** The document in pieces of about `size` characters, each escaped as stringifySafeJson escapes. */
export function* safeJsonChunks(value: unknown, size = 1 << 16): Generator<string> {
  let batch: string[] = [];
  let length = 0;
  for (const piece of members(value, 0)) {
    batch.push(piece);
    length += piece.length;
    if (length >= size) {
      yield safeJsonText(batch.join(''));
      batch = [];
      length = 0;
    }
  }
  if (length > 0) yield safeJsonText(batch.join(''));
}

/** The document as `--json` writes it: its pieces, then a newline. */
export function* safeJsonDocument(value: unknown): Generator<string> {
  yield* safeJsonChunks(value);
  yield '\n';
}
