// Parsing of rule thresholds as users write them in .dive-ci files and flags. dive reads every value
// as a string, so we accept what it accepts (ratios as decimals, byte sizes with go-humanize's units)
// and return a reason instead of throwing, so a config can report every problem at once.

export type ParsedThreshold =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'invalid'; readonly reason: string };

const DISABLED_WORDS = new Set(['disabled', 'off', 'false']);

/**
 * A rule given no value (`highestUserWastedPercent:` alone): dive 0.13.1 keeps its default then, so the
 * value given before it (the default, or a file under a flag) stands.
 */
export function isUnsetValue(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** `disabled` skips a rule, as in dive 0.13.1; `off` and `false` (any case), which dive refuses, are ours. */
export function isDisabledValue(raw: unknown): boolean {
  if (raw === false) return true;
  return typeof raw === 'string' && DISABLED_WORDS.has(raw.trim().toLowerCase());
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** What a YAML scalar or flag holds, as text; undefined for values no threshold can be (lists, maps). */
function scalarText(raw: unknown): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw === 'string') return raw.trim();
  return undefined;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return `'${raw}'`;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return Array.isArray(raw) ? 'a list' : 'a mapping';
}

/**
 * A ratio between 0 and 1 (`0.1`), or a percentage with its sign (`10%`, our extension: a bare `10`
 * stays an error, as in dive, because it is ambiguous). `unbounded`: a growth, which may pass 100%.
 */
export function parseRatio(raw: unknown, unbounded = false): ParsedThreshold {
  if (isDisabledValue(raw) || isUnsetValue(raw)) return { kind: 'disabled' };
  const text = scalarText(raw);
  if (text === undefined) return { kind: 'invalid', reason: `${describe(raw)} is not a number` };
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (!DECIMAL.test(digits)) return { kind: 'invalid', reason: `${describe(raw)} is not a number (write a ratio like 0.1, or 10%)` };
  const value = percent ? Number(digits) / 100 : Number(digits);
  if (value < 0 || (!unbounded && value > 1)) {
    const hint = unbounded
      ? percent
        ? '0% or more'
        : 'a ratio of 0 or more (0.1 means 10%)'
      : percent
        ? 'between 0% and 100%'
        : 'a ratio between 0 and 1 (0.1 means 10%)';
    return { kind: 'invalid', reason: `${describe(raw)} is out of range: write ${hint}` };
  }
  return { kind: 'value', value };
}

// go-humanize's ParseBytes table: SI names are powers of 1000, IEC names (with 'i') powers of 1024,
// a bare letter is SI; the unit is case-insensitive and may follow a space.
const UNIT_POWERS: ReadonlyArray<readonly [string, number]> = [
  ['k', 1],
  ['m', 2],
  ['g', 3],
  ['t', 4],
  ['p', 5],
  ['e', 6],
];
const UNITS = new Map<string, number>([
  ['', 1],
  ['b', 1],
]);
for (const [letter, power] of UNIT_POWERS) {
  for (const suffix of ['', 'b']) {
    UNITS.set(letter + suffix, 1000 ** power);
    UNITS.set(`${letter}i${suffix}`, 1024 ** power);
  }
}

const BYTE_SIZE = /^(\d[\d,]*(?:\.\d*)?|\.\d+)\s*([a-z]*)$/i;

/** A byte size: `20000000`, `20MB` (SI: 20,000,000), `20MiB` (binary), `1.5 gb`, `1,000,000`. */
export function parseByteSize(raw: unknown): ParsedThreshold {
  if (isDisabledValue(raw) || isUnsetValue(raw)) return { kind: 'disabled' };
  const text = scalarText(raw);
  if (text === undefined) return { kind: 'invalid', reason: `${describe(raw)} is not a byte size` };
  const match = BYTE_SIZE.exec(text);
  const multiplier = match ? UNITS.get(match[2]!.toLowerCase()) : undefined;
  if (!match || multiplier === undefined) {
    return { kind: 'invalid', reason: `${describe(raw)} is not a byte size (write e.g. 20000000, 20MB or 20MiB)` };
  }
  const value = Math.floor(Number(match[1]!.replace(/,/g, '')) * multiplier);
  if (!Number.isSafeInteger(value)) return { kind: 'invalid', reason: `${describe(raw)} is too large` };
  return { kind: 'value', value };
}

/** A whole count (layers, files): a non-negative integer. */
export function parseCount(raw: unknown): ParsedThreshold {
  if (isDisabledValue(raw) || isUnsetValue(raw)) return { kind: 'disabled' };
  const text = scalarText(raw);
  if (text === undefined || !/^\d+$/.test(text)) {
    return { kind: 'invalid', reason: `${describe(raw)} is not a whole number` };
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { kind: 'invalid', reason: `${describe(raw)} is too large` };
  return { kind: 'value', value };
}
