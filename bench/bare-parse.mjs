#!/usr/bin/env node
/**
 * The yardstick for ingest speed: reads and parses the given CSV files with
 * csv-parse's stream API, its default options (each record an array), and does
 * nothing else (it counts the records so the work cannot be skipped). `estimate`
 * is judged against this bare pass. It imports the package's own csv-parse, the
 * version the CSV readers run on.
 *
 *   node bench/bare-parse.mjs nodes.csv workloads.csv pods.csv
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
for (const file of process.argv.slice(2)) {
  for await (const record of createReadStream(file).pipe(parse())) records += record.length > 0 ? 1 : 0;
}
process.stderr.write(`${records} records\n`);
