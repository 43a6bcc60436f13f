/** One CSV record and the 1-based line of the file it starts on (what an editor shows). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface CsvParser {
  /** Feed the next chunk of text; answers the records it completed. */
  push(chunk: string): CsvRecord[];
  /** The file ended: answers the last record, if any. Throws on an unclosed quote. */
  end(): CsvRecord[];
}

/**
 * A streaming RFC 4180 parser: quoted fields may hold the delimiter, `""` and line breaks; CRLF,
 * LF and lone CR all end a record; a UTF-8 byte-order mark is dropped. Chunks may split a record
 * (or a CRLF) anywhere. Blank lines are skipped, as spreadsheet exports often end with one.
 */
export function createCsvParser(delimiter: ',' | '\t' | ';' = ','): CsvParser {
  let field = '';
  let fields: string[] = [];
  let isQuoted = false;
  /** Just read a `"` inside a quoted field: either an escaped quote or the closing quote. */
  let isQuotePending = false;
  let isFieldStarted = false;
  let isAfterCarriageReturn = false;
  let isFirstChunk = true;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    isFieldStarted = false;
  };
  const endRecord = (records: CsvRecord[]) => {
    endField();
    const isBlank = fields.length === 1 && fields[0] === '';
    if (!isBlank) records.push({ fields, line: recordLine });
    fields = [];
  };

  return {
    push(chunk) {
      const records: CsvRecord[] = [];
      let text = chunk;
      if (isFirstChunk) {
        isFirstChunk = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      for (let index = 0; index < text.length; index++) {
        const character = text[index]!;
        // A CRLF may be split across chunks, so "the previous character was CR" is kept as state.
        const wasAfterCarriageReturn = isAfterCarriageReturn;
        isAfterCarriageReturn = character === '\r';
        if (isQuoted) {
          if (isQuotePending) {
            isQuotePending = false;
            if (character === '"') {
              field += '"';
              continue;
            }
            isQuoted = false;
            // Fall through: the character after a closing quote is read as unquoted text.
          } else if (character === '"') {
            isQuotePending = true;
            continue;
          } else {
            if (character === '\r' || (character === '\n' && !wasAfterCarriageReturn)) line++;
            field += character;
            continue;
          }
        }
        if (character === '\n' && wasAfterCarriageReturn) continue;
        if (character === delimiter) {
          endField();
        } else if (character === '\n' || character === '\r') {
          endRecord(records);
          line++;
          recordLine = line;
        } else if (character === '"' && !isFieldStarted && field === '') {
          isQuoted = true;
          isFieldStarted = true;
        } else {
          field += character;
          isFieldStarted = true;
        }
      }
      return records;
    },
    end() {
      if (isQuoted && !isQuotePending) throw new Error(`unclosed quoted field starting on line ${recordLine}`);
      const records: CsvRecord[] = [];
      if (field !== '' || fields.length > 0 || isFieldStarted) endRecord(records);
      return records;
    },
  };
}
