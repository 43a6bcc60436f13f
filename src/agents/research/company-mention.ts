import { registrableDomain } from '../../domain/company-identifier.ts';
import type { CompanySite } from './company-site.ts';

/**
 * Whether a page from elsewhere on the web is about the row's company: it names the company or
 * its domain's label ("stripe" for stripe.com). A search for one company returns pages about
 * others too (a competitor's pricing, another firm's CEO); their facts must never become this
 * company's answer. Pages on the company's own domain are always about it.
 */
export function createCompanyMentionCheck(site: CompanySite): (url: string, text: string) => boolean {
  const names = [site.name, site.domain?.split('.')[0]]
    .filter((name): name is string => typeof name === 'string' && name.trim().length >= 2)
    .map((name) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name.trim().toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u'));
  return (url, text) => {
    if (site.domain !== null && registrableDomain(url) === site.domain) return true;
    if (names.length === 0) return true;
    const lower = text.toLowerCase();
    return names.some((pattern) => pattern.test(lower));
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
