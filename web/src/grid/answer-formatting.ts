/**
 * Plain-text renderings of typed answers, shared by the grid, the cell panel and the export so a
 * value reads the same everywhere.
 */

export interface MoneyValue {
  amount: number;
  currency: string;
  period?: string;
  as_of?: string;
}

const PERIOD_SUFFIXES: Record<string, string> = {
  year: '/yr',
  quarter: '/qtr',
  month: '/mo',
  week: '/wk',
  day: '/day',
  one_time: ' one-time',
};

export function isMoneyValue(value: unknown): value is MoneyValue {
  const record = value as MoneyValue | null;
  return typeof record === 'object' && record !== null && typeof record.amount === 'number' && typeof record.currency === 'string';
}

/** "$9.81B/yr" (compact) or "$9,810,000,000.00 per year" style (full). */
export function formatMoney(money: MoneyValue, style: 'compact' | 'full'): string {
  let amount: string;
  try {
    amount = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: money.currency,
      notation: style === 'compact' ? 'compact' : 'standard',
      maximumFractionDigits: style === 'compact' ? 2 : undefined,
    }).format(money.amount);
  } catch {
    // An unknown currency code: still show what was stored rather than nothing.
    amount = `${money.amount.toLocaleString()} ${money.currency}`;
  }
  return `${amount}${money.period ? (PERIOD_SUFFIXES[money.period] ?? ` per ${money.period}`) : ''}`;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const timestampFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * ISO dates, full or partial: "2021", "Mar 2021", "Mar 3, 2021" (in the reader's locale, never
 * shifted by time zone); ISO timestamps as "Mar 3, 2021, 2:05 PM" in the reader's time zone.
 */
export function formatDate(value: string): string {
  const text = value.trim();
  if (TIMESTAMP.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? value : timestampFormat.format(date);
  }
  const match = PARTIAL_DATE.exec(text);
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year!;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
  const options: Intl.DateTimeFormatOptions = day
    ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
    : { year: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(undefined, options).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 }).format(value);
}

/** A year as a year: 2016, never "2,016". Anything that is not a whole number is formatted as a number. */
export function formatYear(value: number): string {
  return Number.isInteger(value) ? String(value) : formatNumber(value);
}

/** A URL without its scheme and trailing slash: what people read in a narrow cell. */
export function shortUrl(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
}

export function isSafeLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export interface PersonValue {
  full_name: string;
  role?: string;
  profile_url?: string;
}

export function isPeopleList(value: unknown): value is PersonValue[] {
  return (
    Array.isArray(value) && value.every((person) => typeof person === 'object' && person !== null && typeof (person as PersonValue).full_name === 'string')
  );
}

/** One line of JSON for a narrow cell; the panel shows it whole. */
export function jsonPreview(value: unknown, maxLength = 120): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Any answer as readable text: what a cell shows when its shape does not fit the column's format,
 * and what the export writes for formats without fields of their own.
 */
export function answerAsText(answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  if (typeof answer === 'string') return answer;
  if (typeof answer === 'number' || typeof answer === 'boolean') return String(answer);
  if (isMoneyValue(answer)) return formatMoney(answer, 'full');
  if (isPeopleList(answer)) return answer.map((person) => [person.full_name, person.role, person.profile_url].filter(Boolean).join(', ')).join('; ');
  if (Array.isArray(answer) && answer.every((item) => typeof item === 'string' || typeof item === 'number')) return answer.join('; ');
  return JSON.stringify(answer);
}

/** A company profile is known by its name (and domain), and says when a name input was matched to it. */
export function profileName(profile: unknown): string | null {
  const record = profile as { name?: unknown; domain?: unknown; resolution?: { method?: unknown; score?: unknown } | null } | null;
  if (typeof record !== 'object' || record === null) return null;
  const name = typeof record.name === 'string' ? record.name : null;
  const domain = typeof record.domain === 'string' ? record.domain : null;
  const label = name && domain ? `${name} (${domain})` : (name ?? domain);
  const method = record.resolution?.method;
  const score = record.resolution?.score;
  if (label && (method === 'name_search' || method === 'workspace_profile') && typeof score === 'number')
    return `${label} · matched by name (${score.toFixed(2)})`;
  return label;
}
