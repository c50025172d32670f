/** Just enough CSV to name a file's columns: the header line, split as a CSV reader would. */

/** The cells of one CSV line ("a,"b, c",d" → a | b, c | d). */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** The column names on a file's header line (1-based, as the import reports it). */
export function headerColumns(text: string, headerRow: number, delimiter: string): string[] {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[Math.max(headerRow, 1) - 1] ?? '';
  return splitLine(line, delimiter).filter(Boolean);
}
