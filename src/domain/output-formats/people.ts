/**
 * The legacy `people` format: a list of people, each `{ full_name, role?, profile_url? }`.
 */
import { describeType, describeValue } from './describe-value.ts';
import { isNotFoundAnswer } from './not-found.ts';
import { accepted, rejected, type ParseResult, type PersonAnswer } from './parse-result.ts';
import { parseUrlAnswer } from './url.ts';

const SHAPE = 'a list of objects like {"full_name": "Jane Doe", "role": "CFO", "profile_url": "https://…"}';

/**
 * Parses a people answer from a list (or text holding a JSON list). Each person needs a
 * non-empty `full_name`; `role` and `profile_url` are optional, and a `profile_url` must be an
 * http(s) URL; an optional field that is null, blank or "Not found" is left out. Only these three fields are stored, keeping the legacy shape stable for clients.
 * An empty list is a real answer: nobody matched.
 */
export function parsePeopleAnswer(raw: unknown): ParseResult {
  const list = typeof raw === 'string' ? parseJsonList(raw) : raw;
  if (!Array.isArray(list)) return rejected(`Expected ${SHAPE}, got ${describeType(raw)} ${describeValue(raw)}`);
  const people: PersonAnswer[] = [];
  for (const [index, entry] of list.entries()) {
    const person = parsePerson(entry);
    if (typeof person === 'string') return rejected(`Person ${index + 1} ${person}; expected ${SHAPE}`);
    people.push(person);
  }
  return accepted(people);
}

/** Returns the person, or the end of a sentence saying what is wrong with it. */
function parsePerson(entry: unknown): PersonAnswer | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `is ${describeType(entry)}, not an object`;
  const fields = entry as Record<string, unknown>;
  if (typeof fields.full_name !== 'string' || fields.full_name.trim() === '') {
    return `has no full_name (got ${describeValue(fields.full_name)})`;
  }
  const person: PersonAnswer = { full_name: fields.full_name.trim() };
  // An optional field the model marks "Not found" or "N/A" is simply absent.
  if (fields.role !== undefined && !isNotFoundAnswer(fields.role)) {
    if (typeof fields.role !== 'string') return `has a role that is not text (${describeValue(fields.role)})`;
    person.role = fields.role.trim();
  }
  if (fields.profile_url !== undefined && !isNotFoundAnswer(fields.profile_url)) {
    const url = parseUrlAnswer(fields.profile_url);
    if (!url.ok) return `has an invalid profile_url: ${url.reason}`;
    person.profile_url = String(url.answer);
  }
  return person;
}

function parseJsonList(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the caller reports the original text as "not a list".
    return text;
  }
}
