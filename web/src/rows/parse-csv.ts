export interface ParsedCsv {
  header: string[];
  records: string[][];
}

/**
 * RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes, CRLF or LF line ends,
 * a leading byte-order mark. The delimiter is guessed from the first line (comma, semicolon or tab)
 * because spreadsheets in many locales save with semicolons. Blank lines are skipped.
 */
export function parseCsv(text: string): ParsedCsv {
  const records = parseRecords(text);
  const [header = [], ...rest] = records;
  return { header: header.map((name) => name.trim()), records: rest };
}

/**
 * Every record of delimited text, the first line included; the delimiter is guessed when not given.
 * Spreadsheets put a tab between cells when copying and quote cells holding tabs, quotes or line
 * breaks, so a copied block reads with `delimiter: '\t'` the same way.
 */
export function parseRecords(text: string, delimiter?: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const separator = delimiter ?? guessDelimiter(source);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let isQuoted = false;
  let index = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (index < source.length) {
    const character = source[index]!;
    if (isQuoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        isQuoted = false;
      } else {
        field += character;
      }
      index++;
      continue;
    }
    if (character === '"' && field === '') isQuoted = true;
    else if (character === separator) {
      record.push(field);
      field = '';
    } else if (character === '\n') endRecord();
    else if (character === '\r') {
      endRecord();
      if (source[index + 1] === '\n') index++;
    } else field += character;
    index++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  counts.sort((left, right) => right.count - left.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ',';
}
