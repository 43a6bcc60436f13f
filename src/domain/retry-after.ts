/**
 * The one reader of `Retry-After`, for every provider (LLM, search, fetch) and the SDK: how long
 * a server asked us to wait before trying again, in milliseconds.
 */

/**
 * Reads a `Retry-After` value (RFC 9110: delay-seconds, or an HTTP date relative to `now`).
 * Fractional seconds are accepted, since some providers send "1.5"; the wait is rounded up so
 * we never come back early. A date in the past means "no wait" (0). Undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  const seconds = parseNonNegativeNumber(text);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  // An HTTP date names a weekday and a month; requiring a letter keeps Date.parse from reading
  // odd values such as "-5" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait a response's headers ask for: `retry-after-ms` (sent by OpenAI, more precise) wins
 * over `Retry-After`. Takes fetch `Headers` or a plain record (the AI SDK hands headers over as
 * one); names are case-insensitive either way.
 */
export function retryAfterFromHeaders(
  headers: Headers | Readonly<Record<string, string | undefined>> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  const read = headers instanceof Headers ? (name: string) => headers.get(name) ?? undefined : recordReader(headers);
  const milliseconds = parseNonNegativeNumber(read('retry-after-ms')?.trim());
  if (milliseconds !== undefined) return Math.ceil(milliseconds);
  return parseRetryAfter(read('retry-after'), now);
}

function recordReader(headers: Readonly<Record<string, string | undefined>>): (name: string) => string | undefined {
  const lowerCased = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return (name) => lowerCased.get(name);
}

function parseNonNegativeNumber(value: string | undefined): number | undefined {
  // Number('') is 0 and Number('1e3') is 1000: only plain decimal numbers count.
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Number(value);
}
