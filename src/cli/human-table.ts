/**
 * Plain-text tables for a person at a terminal (`tables list`, `runs list`): a header, aligned
 * columns, numbers to the right. Scripts get JSON instead (stdout not a terminal, or --json).
 */

export interface TableColumn<Row> {
  header: string;
  value(row: Row): string;
  /** Numbers line up on the right. */
  isNumeric?: boolean;
  /** Longer values are cut with "…" (names, ids stay whole). */
  maxWidth?: number;
}

export function formatHumanTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const text = column.value(row).replace(/\s+/g, ' ');
      return column.maxWidth !== undefined && text.length > column.maxWidth ? `${text.slice(0, column.maxWidth - 1)}…` : text;
    }),
  );
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index]!.length)));
  const pad = (text: string, index: number) => (columns[index]!.isNumeric ? text.padStart(widths[index]!) : text.padEnd(widths[index]!));
  const line = (texts: string[]) => texts.map(pad).join('  ').trimEnd();
  return `${[line(columns.map((column) => column.header)), ...cells.map(line)].join('\n')}\n`;
}

/** Whether to print for a person: stdout is a terminal and JSON was not asked for. */
export function isForPerson(options: { json?: boolean }, stream: { isTTY?: boolean } = process.stdout): boolean {
  return Boolean(stream.isTTY) && !options.json;
}

/** "2026-12-06 14:03" in the reader's time zone. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** 42 s, 3 min 5 s, 1 h 2 min. */
export function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

/** "3 of 57 tables (--offset 20)", or "no tables". */
export function describePage(shown: number, total: number | undefined, offset: number, noun: string): string {
  const plural = (count: number) => `${noun}${count === 1 ? '' : 's'}`;
  if (shown === 0) return offset > 0 ? `no ${plural(0)} past --offset ${offset}\n` : `no ${plural(0)}\n`;
  const of = total !== undefined && total !== shown ? ` of ${total.toLocaleString('en-US')}` : '';
  const from = offset > 0 ? ` (from --offset ${offset})` : '';
  const more = total !== undefined && offset + shown < total ? '; --offset and --limit show more' : '';
  return `${shown.toLocaleString('en-US')}${of} ${plural(total ?? shown)}${from}${more}\n`;
}
