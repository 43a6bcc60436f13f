import { nameParts } from './person-name.ts';

/**
 * Company address patterns (first.last, flast, …): learned from colleagues' published
 * addresses and applied to a name. Pure.
 */
export const EMAIL_PATTERNS = ['first.last', 'firstlast', 'flast', 'first', 'f.last', 'first_last', 'firstl', 'last', 'last.first'] as const;
export type EmailPattern = (typeof EMAIL_PATTERNS)[number];

/** The local part a pattern gives for a name, or null when the name has no first and last part. */
export function applyPattern(pattern: EmailPattern, name: string): string | null {
  const parts = nameParts(name);
  if (!parts) return null;
  const { first, last } = parts;
  switch (pattern) {
    case 'first.last':
      return `${first}.${last}`;
    case 'firstlast':
      return `${first}${last}`;
    case 'flast':
      return `${first[0]}${last}`;
    case 'first':
      return first;
    case 'f.last':
      return `${first[0]}.${last}`;
    case 'first_last':
      return `${first}_${last}`;
    case 'firstl':
      return `${first}${last[0]}`;
    case 'last':
      return last;
    case 'last.first':
      return `${last}.${first}`;
  }
}

/** The patterns an address fits for a name (several when they coincide, e.g. short names). */
export function patternsOf(address: string, name: string): EmailPattern[] {
  const local = address.split('@')[0]!.toLowerCase();
  return EMAIL_PATTERNS.filter((pattern) => applyPattern(pattern, name) === local);
}

/** One person's published address that taught the pattern. */
export interface PatternExample {
  full_name: string;
  email: string;
  source: string;
}

/** The pattern most examples fit (ties: the order of EMAIL_PATTERNS), with the examples that fit it. */
export function learnPattern(examples: readonly PatternExample[]): { pattern: EmailPattern; examples: PatternExample[] } | null {
  const fits = new Map<EmailPattern, PatternExample[]>();
  for (const example of examples) {
    for (const pattern of patternsOf(example.email, example.full_name)) fits.set(pattern, [...(fits.get(pattern) ?? []), example]);
  }
  let best: { pattern: EmailPattern; examples: PatternExample[] } | null = null;
  for (const pattern of EMAIL_PATTERNS) {
    const fitting = fits.get(pattern);
    if (fitting && (!best || fitting.length > best.examples.length)) best = { pattern, examples: fitting };
  }
  return best;
}

// Role addresses, never a person's.
const ROLE_LOCAL_PARTS = new Set([
  'info',
  'hello',
  'contact',
  'sales',
  'support',
  'press',
  'media',
  'careers',
  'jobs',
  'team',
  'office',
  'admin',
  'help',
  'hi',
  'marketing',
  'billing',
  'privacy',
  'legal',
  'noreply',
  'no-reply',
  'enquiries',
  'inquiries',
]);

/** Whether an address belongs to a function (hello@, sales@) rather than a person. */
export function isRoleAddress(address: string): boolean {
  return ROLE_LOCAL_PARTS.has(address.split('@')[0]!.toLowerCase());
}

// Mailbox providers anyone can sign up to: their domain says nothing about an employer.
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'mail.com',
  'yandex.com',
  'zoho.com',
  'fastmail.com',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

/** Addresses written in a text (lower-case, deduplicated, in order). */
export function addressesInText(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) found.add(match[0].toLowerCase().replace(/\.$/, ''));
  return [...found];
}
