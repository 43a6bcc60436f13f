/**
 * Providers date pages in many shapes: ISO with or without a zone (SearXNG, Exa, Brave
 * `page_age`), "Mar 5, 2024" (Serper), RFC 1123 (Tavily news), or relative text such as
 * "2 days ago" (Brave `age`). This keeps what can be read without guessing.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const HAS_TIME_OF_DAY = /\d{1,2}:\d{2}/;
const HAS_FOUR_DIGIT_YEAR = /\b\d{4}\b/;

/**
 * Returns an ISO 8601 date (`2024-03-05`) when the input has no time of day, an ISO date-time in
 * UTC when it has one, and `undefined` for anything unreadable or relative.
 */
export function normalizePublishedDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return isRealDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])) ? text : undefined;
  // A zone-less date-time is read as UTC: reading it in the server's zone would make the stored
  // value depend on where Fathom runs.
  if (DATE_TIME_WITHOUT_ZONE.test(text)) return toIsoDateTime(Date.parse(`${text.replace(' ', 'T')}Z`));
  // V8's fallback parser turns almost anything into a date ("Page 2" → 2001); a year is required.
  if (!HAS_FOUR_DIGIT_YEAR.test(text)) return undefined;
  const timestamp = Date.parse(text);
  if (Number.isNaN(timestamp)) return undefined;
  if (HAS_TIME_OF_DAY.test(text)) return toIsoDateTime(timestamp);
  // "Mar 5, 2024" parses as local midnight; reading it back in local time gives the calendar date.
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function toIsoDateTime(timestamp: number): string | undefined {
  return Number.isNaN(timestamp) ? undefined : new Date(timestamp).toISOString();
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
