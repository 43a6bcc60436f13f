import type { Expectation } from './research-eval-set.ts';

/** Whether a cell's answer matches its label; a failed cell never does. */
export function isCorrect(answer: unknown, expectation: Expectation): boolean {
  const isNotFound = typeof answer === 'string' && answer.trim().toLowerCase() === 'not found';
  switch (expectation.kind) {
    case 'not_found':
      return isNotFound;
    case 'exact':
      return !isNotFound && JSON.stringify(normalise(answer)) === JSON.stringify(normalise(expectation.value));
    case 'contains':
      return !isNotFound && JSON.stringify(answer).toLowerCase().includes(expectation.text.toLowerCase());
    case 'grade':
      if (isNotFound) return expectation.orNotFound === true;
      return typeof answer === 'number' && answer >= expectation.min && answer <= expectation.max;
  }
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/** The value at quantile `q` (0–1) of the numbers, nearest rank; 0 for none. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
