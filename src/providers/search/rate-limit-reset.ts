/**
 * Reads paired `X-RateLimit-Remaining` / `X-RateLimit-Reset` lists (`"1, 15000"` /
 * `"1, 1419704"`, seconds per window, as Brave sends them) and returns the wait until the
 * longest exhausted window resets, or the shortest window when none reports exhaustion.
 */
export function retryAfterFromRateLimitReset(headers: Headers): number | undefined {
  const resets = parseNumberList(headers.get('x-ratelimit-reset'));
  if (resets.length === 0) return undefined;
  const remaining = parseNumberList(headers.get('x-ratelimit-remaining'));
  const exhausted = resets.filter((_, index) => remaining[index] === 0);
  const seconds = exhausted.length > 0 ? Math.max(...exhausted) : Math.min(...resets);
  return Math.round(seconds * 1000);
}

function parseNumberList(value: string | null): number[] {
  if (value === null) return [];
  const numbers = value.split(',').map((part) => Number(part.trim()));
  return numbers.every((number) => Number.isFinite(number) && number >= 0) ? numbers : [];
}
