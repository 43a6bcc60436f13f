import { z } from 'zod';

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** A boolean query parameter, read the way pydantic reads one. */
export const queryBoolean = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS]))
  .transform((value) => TRUE_WORDS.includes(value));

/** An integer query parameter ("abc" is an int_parsing error, not NaN). */
export const queryInteger = z.coerce.number().int();

/** A repeatable query parameter: `tags=a&tags=b` or a single `tags=a`. */
export const queryList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));
