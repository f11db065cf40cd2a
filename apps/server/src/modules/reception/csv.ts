// A small RFC 4180 reader for capacity uploads: commas or semicolons (spreadsheets in much of
// Europe save with ';'), double-quoted cells with "" escapes, CRLF or LF, an optional BOM.
// Each row keeps its 1-based line number for the error report.
export interface CsvRow { line: number; cells: string[] }

export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === sep) { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell); rows.push({ line: rowLine, cells }); cells = []; cell = '';
      line++; rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) { cells.push(cell); rows.push({ line: rowLine, cells }); }
  return rows;
}
