import { describe, expect, it } from 'vitest';
import { isDisabledValue, isUnsetValue, parseByteSize, parseCount, parseRatio } from '../../../src/core/ci/thresholds.js';

const value = (v: number) => ({ kind: 'value', value: v });

describe('isDisabledValue', () => {
  it.each([['disabled'], ['Disabled'], ['off'], ['OFF'], ['false'], [false]])('%j skips the rule', (raw) =>
    expect(isDisabledValue(raw)).toBe(true),
  );
  // An empty value is no value (dive 0.13.1 keeps the default then): isUnsetValue's, not a disabled rule.
  it.each([['0'], [0], ['no'], [true], ['0.9'], [''], ['  '], [null], [undefined]])('%j does not', (raw) =>
    expect(isDisabledValue(raw)).toBe(false),
  );
  it.each([[''], ['  '], [null], [undefined]])('%j is no value at all', (raw) => expect(isUnsetValue(raw)).toBe(true));
});

describe('parseRatio', () => {
  it.each([
    ['0.9', 0.9],
    [0.9, 0.9],
    ['0', 0],
    [1, 1],
    ['1.0', 1],
    ['.5', 0.5],
    [' 0.20 ', 0.2],
    ['1e-1', 0.1],
    ['10%', 0.1],
    ['100%', 1],
    ['0%', 0],
    ['12.5 %', 0.125],
  ])('%j → %d', (raw, expected) => expect(parseRatio(raw)).toEqual(value(expected)));

  it.each([
    ['1.5'],
    [1.5],
    ['-0.1'],
    ['10'],
    ['101%'],
    ['abc'],
    ['0x1'],
    ['1,5'],
    ['NaN'],
    ['Infinity'],
    [true],
    [[0.1]],
    [{ a: 1 }],
    ['%'],
  ])('%j is invalid', (raw) => expect(parseRatio(raw).kind).toBe('invalid'));

  it('explains a ratio written as a percentage', () => {
    const parsed = parseRatio('10');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(/between 0 and 1/);
  });
});

describe('parseByteSize (go-humanize ParseBytes units)', () => {
  it.each([
    ['20000000', 20_000_000],
    [20_000_000, 20_000_000],
    ['0', 0],
    ['20MB', 20_000_000],
    ['20mb', 20_000_000],
    ['20 MB', 20_000_000],
    ['20M', 20_000_000],
    ['20MiB', 20 * 1024 ** 2],
    ['20mib', 20 * 1024 ** 2],
    ['20Mi', 20 * 1024 ** 2],
    ['1kB', 1000],
    ['1KB', 1000],
    ['1k', 1000],
    ['1KiB', 1024],
    ['1 kib', 1024],
    ['1GB', 1e9],
    ['2GiB', 2 * 1024 ** 3],
    ['1.5GB', 1.5e9],
    ['1.5 KiB', 1536],
    ['10B', 10],
    ['10 b', 10],
    ['1,000,000', 1_000_000],
    ['1TB', 1e12],
    ['0.5', 0],
  ])('%j → %d', (raw, expected) => expect(parseByteSize(raw)).toEqual(value(expected)));

  it.each([['20XB'], ['MB'], ['-1'], ['-1MB'], ['abc'], ['1e6'], ['20 M B'], [true], ['100EB'], [[1]]])('%j is invalid', (raw) =>
    expect(parseByteSize(raw).kind).toBe('invalid'),
  );

  it.each([['disabled'], ['off'], [''], [null]])('%j is disabled', (raw) => expect(parseByteSize(raw)).toEqual({ kind: 'disabled' }));
});

describe('parseCount', () => {
  it.each([
    ['3', 3],
    [3, 3],
    ['0', 0],
  ])('%j → %d', (raw, expected) => expect(parseCount(raw)).toEqual(value(expected)));
  it.each([['3.5'], [-1], ['x'], ['1e3']])('%j is invalid', (raw) => expect(parseCount(raw).kind).toBe('invalid'));
});
