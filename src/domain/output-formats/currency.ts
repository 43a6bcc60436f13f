/**
 * Recognising currencies in money answers: ISO 4217 codes, validated against the runtime's own
 * list, and the common symbols models write instead of codes.
 */

// A bare "$" is far more often US dollars than any other dollar in research answers, and "¥"
// more often yen than yuan (which answers usually write as CNY or RMB); both are documented defaults.
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  US$: 'USD',
  USD$: 'USD',
  $: 'USD',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
  S$: 'SGD',
  SG$: 'SGD',
  R$: 'BRL',
  MX$: 'MXN',
  '€': 'EUR',
  '£': 'GBP',
  'CN¥': 'CNY',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '₫': 'VND',
  '₱': 'PHP',
  '₴': 'UAH',
  '₦': 'NGN',
  zł: 'PLN',
  RMB: 'CNY',
};

// Longest first, so "US$" is read before "$" and "CN¥" before "¥".
const SYMBOLS_LONGEST_FIRST = Object.keys(CURRENCY_SYMBOLS).sort((left, right) => right.length - left.length);

const CODE_PATTERN = /^[a-z]{3}(?![a-z])/i;

let isoCodes: ReadonlySet<string> | undefined;

/** True when `code` is an ISO 4217 code the runtime knows (upper case expected). */
export function isIsoCurrencyCode(code: string): boolean {
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return isoCodes.has(code);
}

/** A currency token read from the start of a text. */
export interface CurrencyToken {
  /** The text as written, for reasons ("'ABC' is not…"). */
  written: string;
  /** The ISO code it stands for, or undefined for a three-letter word that is no ISO code. */
  code: string | undefined;
  /** The unread remainder of the text. */
  rest: string;
}

/**
 * Reads a currency symbol or three-letter code from the start of `text` (after spaces).
 * Returns undefined when the text does not start with one.
 */
export function readCurrency(text: string): CurrencyToken | undefined {
  const trimmed = text.trimStart();
  const upperText = trimmed.toUpperCase();
  const symbol = SYMBOLS_LONGEST_FIRST.find((candidate) => upperText.startsWith(candidate.toUpperCase()));
  if (symbol !== undefined) {
    return { written: symbol, code: CURRENCY_SYMBOLS[symbol], rest: trimmed.slice(symbol.length) };
  }
  const code = CODE_PATTERN.exec(trimmed)?.[0];
  if (code === undefined) return undefined;
  const upper = code.toUpperCase();
  return { written: code, code: isIsoCurrencyCode(upper) ? upper : undefined, rest: trimmed.slice(code.length) };
}

/** Resolves a whole currency field (`"usd"`, `"$"`, `"€"`) to its ISO code, or undefined. */
export function resolveCurrency(text: string): string | undefined {
  const token = readCurrency(text.trim());
  return token !== undefined && token.rest.trim() === '' ? token.code : undefined;
}
