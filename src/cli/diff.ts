/** `mesh-cost diff OLD.json NEW.json`: what changed between two reports; exit 0 whatever changed. */
import { diffReports } from '../budget/diff.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from '../report/diff/index.js';
import { formatFromFile, writeResult } from './output.js';
import { readReport } from './readReport.js';
import { note } from './terminal.js';

export interface DiffFlags {
  format?: DiffFormat;
  output?: string;
}

export async function diffCommand(oldFile: string, newFile: string, flags: DiffFlags): Promise<void> {
  // -o change.md without -f: the extension's format, when diff writes that format
  const fromFile = formatFromFile(flags.output);
  const format = flags.format ?? (DIFF_FORMATS.find((f) => f === fromFile) ?? 'table');
  // one after the other: when both are bad, the error is always OLD's (in parallel, whichever failed first)
  const old = await readReport(oldFile);
  const now = await readReport(newFile);
  const diff = diffReports({ report: old, label: oldFile }, { report: now, label: newFile });
  await writeResult(await renderDiff(format, diff), flags.output);
  if (flags.output && flags.output !== '-') note(`wrote the ${format} diff to ${flags.output}`);
}
