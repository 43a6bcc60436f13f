import { InvalidArgumentError } from 'commander';

/** Commander parsers for option values; a bad value stops with commander's usual message. */

export function parseNonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return number;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}

export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number > 0');
  return number;
}

/** `a, b,,c` → [a, b, c], duplicates dropped (the vendor CLI's --columns). */
export function parseKeyList(value: string): string[] {
  const keys = [
    ...new Set(
      value
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    ),
  ];
  if (keys.length === 0) throw new InvalidArgumentError('expected one or more comma-separated keys');
  return keys;
}

/** Repeatable option: collects every occurrence. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
