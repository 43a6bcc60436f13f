import { getDomainWithoutSuffix } from 'tldts';
import { companyNameKey, registrableDomain } from '../../domain/company-identifier.ts';
import type { EntityReference, StructuredEntity } from '../../providers/spec/fetcher.ts';

/** What a page says about whose site it is. */
export interface SiteIdentity {
  /** The site's registrable domain (`acme.com`). */
  domain: string;
  /** Names the site gives itself besides its organisation markup: `og:site_name`, title parts. */
  siteNames: string[];
}

/** An organisation judged to be the site's own, with why. */
export interface OwnOrganization {
  entity: StructuredEntity;
  /** Strength of the evidence; higher wins when two own organisations disagree. */
  score: number;
  /** The evidence, in words ("url on acme.com", "publisher of the WebSite"). */
  reasons: string[];
}

/** An organisation on the page that is not the site's own, with why. */
export interface ForeignOrganization {
  entity: StructuredEntity;
  because: string;
}

// Properties through which a page names its own organisation. An organisation reached through
// anything else (a review's author, a founder's university) is someone else.
const OWN_POSITIONS = new Set(['publisher', 'mainEntity', 'about', 'copyrightHolder', 'sourceOrganization']);

/**
 * Sorts the organisations of a page into the site's own and everyone else's. An organisation is
 * the site's own when the page says so: its `url` or `@id` is on the site's domain, it is the
 * `publisher` of the WebSite (or page), the `mainEntity`/`about` of the page, or its name is the
 * site's name. One nested under anything else (`review`, `author`, `alumniOf`, `memberOf`,
 * `brand`, `partner`, `offers`, `sameAs`, `founder`…) is never the site's own, whatever it
 * says: its URL may well be on the site (a department, a brand page) and its facts are still
 * not the company's. Own organisations come out strongest first.
 */
export function classifyOrganizations(entities: StructuredEntity[], site: SiteIdentity): { own: OwnOrganization[]; foreign: ForeignOrganization[] } {
  const own: OwnOrganization[] = [];
  const foreign: ForeignOrganization[] = [];
  const siteKeys = siteNameKeys(site);
  for (const entity of entities) {
    if (entity.kind !== 'organization') continue;
    const foreignPath = entity.referencedBy.find((reference) => reference.path.some((property) => !OWN_POSITIONS.has(property)));
    const ownPath = entity.referencedBy.find((reference) => reference.path.every((property) => OWN_POSITIONS.has(property)));
    if (!entity.isTopLevel && !ownPath) {
      foreign.push({ entity, because: `it is held under ${describePath(foreignPath)}` });
      continue;
    }
    const reasons: string[] = [];
    let score = 0;
    if (isOnDomain(entity.url, site.domain)) {
      score += URL.parse(entity.url!)?.pathname === '/' ? 5 : 4;
      reasons.push(`its url is on ${site.domain}`);
    }
    if (entity.id && /^https?:/i.test(entity.id) && isOnDomain(entity.id, site.domain)) {
      score += 3;
      reasons.push(`its @id is on ${site.domain}`);
    }
    const publisher = entity.referencedBy.find(
      (reference) => reference.property !== 'mainEntity' && reference.property !== 'about' && isOwnPosition(reference, site),
    );
    if (publisher) {
      score += 3;
      reasons.push(`it is the ${publisher.property} of the ${publisher.fromTypes[0] ?? 'page'}`);
    }
    const mainEntity = entity.referencedBy.find(
      (reference) => (reference.property === 'mainEntity' || reference.property === 'about') && isOwnPosition(reference, site),
    );
    if (mainEntity || isMainEntityOfSitePage(entity, site.domain)) {
      score += 3;
      reasons.push('it is the main entity of the page');
    }
    if ([entity.name, entity.legalName, ...entity.alternateNames].some((name) => name !== null && matchesSiteName(name, siteKeys))) {
      score += 2;
      reasons.push("its name is the site's name");
    }
    // Held only where other organisations are held (a review's author, a partner) and nothing
    // else ties it to the site: another organisation listed at the top of the page.
    const isOnlyHeldForeign = entity.referencedBy.length > 0 && !ownPath;
    if (score === 0 || (isOnlyHeldForeign && reasons.every((reason) => reason === "its name is the site's name"))) {
      foreign.push({
        entity,
        because:
          score === 0
            ? 'nothing ties it to the site (no url or @id on the domain, not the publisher or main entity, another name)'
            : `it is held under ${describePath(foreignPath)}`,
      });
      continue;
    }
    own.push({ entity, score, reasons });
  }
  own.sort((a, b) => b.score - a.score);
  return { own, foreign };
}

/** The name keys a site answers to: its domain's label and the names it gives itself. */
export function siteNameKeys(site: SiteIdentity): string[] {
  const label = getDomainWithoutSuffix(site.domain) ?? site.domain.split('.')[0] ?? '';
  return [label, ...site.siteNames].map((name) => companyNameKey(name)).filter((key): key is string => key !== null && key.length >= 2);
}

/**
 * Whether a name is one of the site's names: the same key, or one containing the other when the
 * shorter has at least four characters (`acme` and `acmerobotics`; not `ai` inside `retail`).
 */
export function matchesSiteName(name: string, siteKeys: readonly string[]): boolean {
  const key = companyNameKey(name);
  if (!key) return false;
  return siteKeys.some((siteKey) => siteKey === key || (Math.min(siteKey.length, key.length) >= 4 && (siteKey.includes(key) || key.includes(siteKey))));
}

function isOwnPosition(reference: EntityReference, site: SiteIdentity): boolean {
  if (!OWN_POSITIONS.has(reference.property) || !reference.path.every((property) => OWN_POSITIONS.has(property))) return false;
  // A WebSite or page that says where it lives must live on this site to speak for it.
  const holderUrl = reference.fromUrl ?? (reference.fromId && /^https?:/i.test(reference.fromId) ? reference.fromId : null);
  return holderUrl === null || isOnDomain(holderUrl, site.domain);
}

function isMainEntityOfSitePage(entity: StructuredEntity, domain: string): boolean {
  const values = entity.properties['mainEntityOfPage'];
  const list = Array.isArray(values) ? values : [values];
  return list.some((value) => {
    const url =
      typeof value === 'string'
        ? value
        : typeof value === 'object' && value !== null
          ? ((value as Record<string, unknown>)['@id'] ?? (value as Record<string, unknown>)['url'])
          : null;
    return typeof url === 'string' && isOnDomain(url, domain);
  });
}

function isOnDomain(url: string | null, domain: string): boolean {
  return url !== null && registrableDomain(url) === domain;
}

function describePath(reference: EntityReference | undefined): string {
  if (!reference) return 'another node';
  return `${reference.fromTypes[0] ?? 'a node'}.${reference.path.join('.')}`;
}
