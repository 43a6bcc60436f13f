/**
 * How long a provider asked us to wait, from its response headers, in milliseconds.
 *
 * `retry-after-ms` (sent by OpenAI) is more precise and wins; otherwise `Retry-After` is read
 * as seconds (`"2"`, `"1.5"`) or as an HTTP date relative to `now`. A date in the past means
 * "no wait" (0). Returns undefined when neither header is present or readable.
 */
export function parseRetryAfter(headers: Record<string, string | undefined> | undefined, now: number = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

  const milliseconds = parseNonNegativeNumber(lowerCased['retry-after-ms']);
  if (milliseconds !== undefined) return Math.ceil(milliseconds);

  const retryAfter = lowerCased['retry-after']?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;

  const seconds = parseNonNegativeNumber(retryAfter);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);

  // An HTTP date names a weekday and a month; requiring a letter keeps Date.parse from reading
  // odd values such as "-5" as a year.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseNonNegativeNumber(value: string | undefined): number | undefined {
  // Number('') is 0 and Number('Wed, 21 Oct') is NaN: only plain decimal numbers count.
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
