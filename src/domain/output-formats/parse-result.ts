/**
 * The values a format parser produces. A parse either yields the answer to store or a reason
 * written for whoever must fix it: the model on a repair attempt, or the user reading a failed cell.
 */
import type { CountryCode } from 'libphonenumber-js';

/** The literal answer stored when the evidence does not support a value. */
export const NOT_FOUND = 'Not found';

/** Any value JSON can carry; the `json` format stores whatever the column's schema allows. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How often a money amount recurs; absent when the source does not say. */
export type MoneyPeriod = 'year' | 'month' | 'quarter' | 'week' | 'day' | 'one_time';

/** A `money` answer: an exact amount in units of an ISO 4217 currency. */
export interface MoneyAnswer {
  /** The amount in whole units (9.81 billion is 9810000000), never in thousands or millions. */
  amount: number;
  /** ISO 4217 code, upper case (`USD`, `EUR`). */
  currency: string;
  /** Recurrence, when the answer is a price or a recurring revenue. */
  period?: MoneyPeriod;
  /** The date the figure refers to, as a full or partial ISO date (spec §7 item 14). */
  as_of?: string;
}

/** One person in a legacy `people` answer. */
export interface PersonAnswer {
  /** The person's name as written by the source. */
  full_name: string;
  /** Job title or role, when known. */
  role?: string;
  /** An absolute http(s) profile URL, when known. */
  profile_url?: string;
}

/** The stored shape of a cell answer across all formats. */
export type Answer = string | number | string[] | MoneyAnswer | PersonAnswer[] | JsonValue;

/** The outcome of parsing one raw answer. */
export type ParseResult = { ok: true; answer: Answer; isNotFound: boolean } | { ok: false; reason: string };

/** Column configuration a parser may need. */
export interface ParseOptions {
  /** The column's allowed labels; required for select, multiselect and label. */
  labels?: readonly string[];
  /** The column's JSON Schema; required for json. */
  outputSchema?: object;
  /** Region assumed for phone numbers written without a country code. */
  defaultCountry?: CountryCode;
}

/** A parser for one format. It never sees a "Not found" answer: the dispatcher handles those. */
export type AnswerParser = (raw: unknown, options: ParseOptions) => ParseResult;

/** A successfully parsed, real (not "Not found") answer. */
export function accepted(answer: Answer): ParseResult {
  return { ok: true, answer, isNotFound: false };
}

/** A rejected answer with a reason someone can act on. */
export function rejected(reason: string): ParseResult {
  return { ok: false, reason };
}

/** The "Not found" answer, identical for every format. */
export function notFound(): ParseResult {
  return { ok: true, answer: NOT_FOUND, isNotFound: true };
}
