// What a daemon's export named, kept by image id: given back only for the engine build that exported it,
// and not at all when the file is cut short, damaged, of another shape or of another format version.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportRecords } from '../../../src/io/store/export-records.js';

const root = mkdtempSync(join(tmpdir(), 'ls-exports-'));
const records = new ExportRecords(join(root, 'export'), join(root, 'tmp'));
const id = `sha256:${'1f'.repeat(32)}`;
const file = join(root, 'export', '1f'.repeat(32));
const docker24 = 'Docker/24.0.7 (linux); api 1.43; libpod api ';
const record = { engine: docker24, digests: [null, `sha256:${'a0'.repeat(32)}`] };

describe('ExportRecords', () => {
  it('gives a record back for the engine build it was kept for, and for no other', async () => {
    await records.keep(id, record);
    expect(await records.get(id, docker24)).toEqual(record);
    expect(await records.get(id, 'Docker/25.0.0 (linux); api 1.44; libpod api ')).toBeUndefined();
    expect(await records.get(`sha256:${'2e'.repeat(32)}`, docker24)).toBeUndefined();
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('keeps nothing under a name that is not an image id', async () => {
    await records.keep('../../escape', record);
    await records.keep('sha256:ABC', record);
    expect(readdirSync(join(root, 'export'))).toEqual(['1f'.repeat(32)]);
  });

  it('gives nothing back for a file cut short, of another version, or whose digests are not digests', async () => {
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, -2));
    expect(await records.get(id, docker24)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...JSON.parse(whole), digests: ['sha256:../../x'] }));
    expect(await records.get(id, docker24)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...JSON.parse(whole), version: 2 }));
    expect(await records.get(id, docker24)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ version: 1, engine: docker24 }));
    expect(await records.get(id, docker24)).toBeUndefined();
    writeFileSync(file, whole);
    expect(await records.get(id, docker24)).toEqual(record);
  });
});
