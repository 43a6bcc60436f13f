/**
 * The `phone` format: one phone number in E.164 form (+14155552671).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describeType, describeValue } from './describe-value.ts';
import { accepted, rejected, type ParseOptions, type ParseResult } from './parse-result.ts';

/**
 * Parses a phone answer with libphonenumber's full metadata (the default "min" metadata only
 * checks lengths, which would let invented numbers such as +1 555 555 5555 through).
 * A number without a country code needs `options.defaultCountry`. An extension is dropped,
 * since E.164 has no place for one.
 */
export function parsePhoneAnswer(raw: unknown, options: ParseOptions): ParseResult {
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return rejected(`Expected one phone number as text, got ${describeType(raw)} ${describeValue(raw)}`);
  }
  const text = String(raw).trim();
  const phoneNumber = parsePhoneNumberFromString(text, { defaultCountry: options.defaultCountry });
  if (phoneNumber === undefined) {
    const hint = text.startsWith('+') ? '' : ' with its country code';
    return rejected(`'${text}' is not a phone number; reply with one number${hint} in international format such as +1 415 555 2671, or "Not found"`);
  }
  if (!phoneNumber.isValid()) {
    return rejected(`'${text}' is not a valid phone number for ${phoneNumber.country ?? `country code +${phoneNumber.countryCallingCode}`}; check the digits`);
  }
  return accepted(phoneNumber.number);
}
