/**
 * What a file handed in as CSV is when its first bytes show it is not UTF-8 text:
 * a spreadsheet saved as xlsx and renamed, or a UTF-16 export (Excel's "Unicode
 * text", PowerShell's Export-Csv before 6.0). Read as UTF-8 they would give a
 * header error about garbled column names; named, the user knows what to re-save.
 */

/** How many leading bytes are looked at for the NULs of BOM-less UTF-16. */
const SNIFF_BYTES = 256;

/** What `head` (a file's first bytes) is, when it is one of these, as a message's "found ..."; undefined for anything else. */
export function notCsv(head: Buffer): string | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return 'a zip archive (an .xlsx or .ods spreadsheet saved under a .csv name?)';
  }
  if (head[0] === 0xff && head[1] === 0xfe) return utf16('little-endian, with a byte order mark');
  if (head[0] === 0xfe && head[1] === 0xff) return utf16('big-endian, with a byte order mark');
  // ASCII text in UTF-16 is every other byte NUL: even bytes NUL is big-endian, odd little-endian
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  // most of one half NUL and none of the other: a single NUL byte (a stray one in a cell) is not that
  const half = n / 2;
  if (odd >= half * 0.75 && even === 0) return utf16('little-endian');
  if (even >= half * 0.75 && odd === 0) return utf16('big-endian');
  return undefined;
}

const utf16 = (kind: string): string => `UTF-16 text (${kind})`;
