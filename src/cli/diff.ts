/** `mesh-cost diff OLD.json NEW.json`: what changed between two reports; exit 0 whatever changed. */
import { diffReports } from '../budget/diff.js';
import { renderDiff, type DiffFormat } from '../report/diff/index.js';
import { writeResult } from './output.js';
import { readReport } from './readReport.js';

export interface DiffFlags {
  format: DiffFormat;
  output?: string;
}

export async function diffCommand(oldFile: string, newFile: string, flags: DiffFlags): Promise<void> {
  // one after the other: when both are bad, the error is always OLD's (in parallel, whichever failed first)
  const old = await readReport(oldFile);
  const now = await readReport(newFile);
  const diff = diffReports({ report: old, label: oldFile }, { report: now, label: newFile });
  await writeResult(await renderDiff(flags.format, diff), flags.output);
}
