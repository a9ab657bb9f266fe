import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../src/cli/readReport.js';
import { InputError } from '../../src/errors.js';
import { sampleReport } from '../report/sample-report.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-read-'));
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('readReport', () => {
  it('reads a report written by -f json', async () => {
    const report = sampleReport();
    expect(await readReport(await file('ok.json', asJson(report)))).toEqual(report);
  });

  it('points at the line and column of invalid JSON', async () => {
    const path = await file('broken.json', '{\n  "schemaVersion": "mesh-cost/v1",\n  oops\n}\n');
    await expect(readReport(path)).rejects.toThrow(new RegExp(`^${path}:3:3: expected a mesh-cost report \\(estimate -f json\\), found invalid JSON: `));
  });

  it('refuses another schema version, or no report at all', async () => {
    const v2 = { ...sampleReport(), schemaVersion: 'mesh-cost/v2' };
    await expect(readReport(await file('v2.json', asJson(v2)))).rejects.toThrow(
      /v2\.json: expected a mesh-cost report \(estimate -f json\) with schemaVersion "mesh-cost\/v1", found schemaVersion "mesh-cost\/v2"/,
    );
    await expect(readReport(await file('array.json', '[1, 2]'))).rejects.toThrow(/array\.json: .* found no schemaVersion/);
  });

  it('points at the line and column of a value that breaks the schema, listing the others', async () => {
    const report = sampleReport() as unknown as Record<string, any>;
    report.sidecar.monthlyCost = 'lots';
    report.lineItems[1].mode = 'hybrid';
    const text = asJson(report);
    const path = await file('bad.json', text);
    const error = await readReport(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const line = text.split('\n').findIndex((l) => l.includes('"lots"')) + 1;
    expect((error as InputError).location).toEqual({ file: path, line, column: 20 });
    expect((error as InputError).message).toMatch(/mesh-cost report: sidecar\.monthlyCost: expected a number, found "lots"$/);
    expect((error as InputError).more).toEqual([expect.stringMatching(/bad\.json:\d+:\d+: mesh-cost report: lineItems\.1\.mode: expected "sidecar" or "ambient", found "hybrid"$/)]);
  });

  it('says when the file is missing', async () => {
    await expect(readReport(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read: no such file/);
  });
});
