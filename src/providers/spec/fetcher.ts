/**
 * The page-fetching provider: the one door through which Fathom reads the web.
 *
 * Agents ask for a URL and get back readable text plus structured metadata, never raw bytes.
 * Implementations must refuse private network targets, respect robots.txt and bound every
 * fetch in time and size; failures are `FetchError` values with a stable `code`.
 */
import { ProviderError } from '../../domain/provider-error.ts';

/** Fetches one page and turns it into text and metadata a model can read. */
export interface PageFetcher {
  /**
   * Fetches `url`, following redirects, and returns its readable content.
   * Rejects with a `FetchError` on any refusal or failure; rejects with the signal's reason
   * when `options.signal` aborts.
   */
  fetchPage(url: string, options?: FetchPageOptions): Promise<FetchedPage>;
}

/** Per-call options for `PageFetcher.fetchPage`. */
export interface FetchPageOptions {
  /** Aborts the fetch (for example when the cell's lease is lost). */
  signal?: AbortSignal;
  /** Why the page is fetched ("company_profile:about"); written to logs only. */
  purpose?: string;
}

/** A fetched page, reduced to what a model may see. */
export interface FetchedPage {
  /** The URL the caller asked for, as given. */
  requestedUrl: string;
  /** The URL that answered with the content, after redirects. */
  finalUrl: string;
  /** HTTP status of the final response (always 2xx; other statuses are errors). */
  status: number;
  /** Media type of the final response without parameters, lower-case ("text/html"). */
  contentType: string;
  /** When the final response arrived, as an ISO 8601 string. */
  fetchedAt: string;
  /** The page title (`<title>`, else `og:title`, else the first `<h1>`); null when there is none. */
  title: string | null;
  /** Readable text: the article or body text of HTML, plain text as is, JSON pretty-printed. */
  text: string;
  /** True when `text` was cut at the fetcher's text-length limit. */
  isTextTruncated: boolean;
  /** Metadata found in the page; empty for non-HTML content. */
  metadata: PageMetadata;
  /** Every URL that answered with a redirect, in order; empty when the first answer was final. */
  redirects: string[];
  /**
   * The decoded HTML, only when the fetcher was created with `keepHtml: true`.
   * For code that parses markup (tests, link crawling); never put it in a model prompt.
   */
  html?: string;
}

/** Structured facts read from an HTML page's markup. */
export interface PageMetadata {
  /** Text of the `<title>` element, whitespace-normalised. */
  title: string | null;
  /** `<meta name="description">`, else `og:description`. */
  description: string | null;
  /** `<meta name="keywords">`, split on commas. */
  keywords: string[];
  /** `<meta name="author">`. */
  author: string | null;
  /** `<link rel="canonical">`, resolved to an absolute URL. */
  canonicalUrl: string | null;
  /** `<html lang>`, as written. */
  language: string | null;
  /** OpenGraph properties without the `og:` prefix (`title`, `site_name`, `image`…); first value wins. */
  openGraph: Record<string, string>;
  /**
   * Every `<meta property>` of the OpenGraph families (`og:`, `article:`, `business:`, `place:`,
   * `profile:`, `book:`, `music:`, `video:`, `fb:`) by full name, each with all its values in order.
   */
  openGraphProperties: Record<string, string[]>;
  /** Twitter card properties without the `twitter:` prefix (`site`, `creator`, `card`…). */
  twitter: Record<string, string>;
  /** Organizations, people and web sites from JSON-LD, microdata, RDFa and h-cards, in document order by syntax. */
  structuredData: StructuredEntity[];
  /** How many JSON-LD blocks could not be parsed even after lenient repair. */
  skippedJsonLdBlocks: number;
  /** Links found in the page, classified. */
  links: PageLinks;
}

/** The markup an entity was read from. */
export type StructuredDataSyntax = 'json-ld' | 'microdata' | 'rdfa' | 'h-card';

/** The broad schema.org family an entity belongs to. */
export type StructuredEntityKind = 'organization' | 'person' | 'website';

/** One place where another node of the page holds an entity: inline, or by an `@id` reference. */
export interface EntityReference {
  /** The property holding the entity ("publisher", "mainEntity", "review", "author"). */
  property: string;
  /** Bare schema.org types of the node that holds it ("WebSite", "Review"). */
  fromTypes: string[];
  /** That node's `@id` (absolute), when it has one. */
  fromId: string | null;
  /** That node's `url` (absolute), when it has one. */
  fromUrl: string | null;
  /**
   * Properties from the top-level node down to the entity, outermost first
   * (`["review", "author"]` for an Organization under a review's author).
   */
  path: string[];
}

/** A postal address split into its parts, each as written (country may be a code or a name). */
export interface PostalAddressParts {
  street: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

/**
 * One schema.org Organization (or subtype), Person or WebSite found in the page's structured
 * data: JSON-LD, microdata, RDFa or an h-card, all read into this one model.
 */
export interface StructuredEntity {
  /** The family the entity's type belongs to. */
  kind: StructuredEntityKind;
  /** Every type of the node without a vocabulary prefix ("Corporation", "Organization"). */
  types: string[];
  /** The markup it was read from. */
  syntax: StructuredDataSyntax;
  /** The node's `@id` (or `itemid`/`resource`), absolute, when it has one. */
  id: string | null;
  name: string | null;
  legalName: string | null;
  alternateNames: string[];
  url: string | null;
  /** A logo URL (from a string or an ImageObject). */
  logo: string | null;
  description: string | null;
  /** Profile URLs listed in `sameAs`. */
  sameAs: string[];
  email: string | null;
  telephone: string | null;
  /** The address joined into one line, or the address string as written. */
  address: string | null;
  /** The address by part, when it was given as a PostalAddress (directly, by reference or under `location`). */
  addressParts: PostalAddressParts | null;
  foundingDate: string | null;
  /** Employee count as written (a number, a range, or a QuantitativeValue's value). */
  numberOfEmployees: string | null;
  /** For a Person: their job title. */
  jobTitle: string | null;
  /** For a Person: the name of the organization they work for. */
  worksFor: string | null;
  /** True when the node stands at the top of a block or `@graph`, not inside another node. */
  isTopLevel: boolean;
  /** Every place another node holds this one (inline or by reference), in document order. */
  referencedBy: EntityReference[];
  /** The node as parsed (without `@context`), for properties not lifted above. */
  properties: Record<string, unknown>;
}

/** Social networks whose profile links are recognised. */
export type SocialNetwork = 'linkedin_company' | 'linkedin_person' | 'x' | 'github' | 'youtube' | 'facebook' | 'instagram' | 'crunchbase';

/** A link to a profile on a social network. */
export interface SocialProfileLink {
  network: SocialNetwork;
  /** The profile URL, normalised to https without query or fragment. */
  url: string;
  /** The profile's handle or slug as it appears in the URL ("acme-robotics", "@acme"). */
  handle: string;
}

/** Kinds of pages worth visiting on a company's own site. */
export type InternalPageKind = 'about' | 'pricing' | 'careers' | 'team' | 'contact' | 'blog' | 'docs';

/** A link to a page of the same site (same registrable domain), classified by kind. */
export interface InternalPageLink {
  kind: InternalPageKind;
  /** Absolute URL without fragment. */
  url: string;
  /** The link's text, whitespace-normalised. */
  text: string;
}

/** Links of interest found in a page. */
export interface PageLinks {
  social: SocialProfileLink[];
  /** Addresses from `mailto:` links, lower-case, without query. */
  emails: string[];
  /** Numbers from `tel:` links, reduced to digits and a leading `+`. */
  phones: string[];
  internalPages: InternalPageLink[];
}

/** Stable reasons a fetch can fail; callers branch on these, never on messages. */
export type FetchErrorCode =
  | 'blocked_address'
  | 'robots_disallowed'
  | 'too_large'
  | 'timeout'
  | 'too_many_redirects'
  | 'unsupported_content_type'
  | 'http_error'
  | 'network_error'
  | 'invalid_url';

/** What a `FetchError` is built from. */
export interface FetchErrorOptions {
  code: FetchErrorCode;
  /** The URL being fetched when the failure happened (a redirect hop's URL for hop failures). */
  url: string;
  /** A sentence a user can act on. */
  message: string;
  /** Whether trying again later may succeed; defaults by code (timeouts and network errors). */
  isRetryable?: boolean;
  /** The HTTP status, for `http_error`. */
  status?: number;
  /** How long the server asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A fetch that was refused or failed; `code` is stable, `message` says what to do about it. */
export class FetchError extends ProviderError<FetchErrorCode> {
  override readonly name = 'FetchError';
  /** The URL being fetched when the failure happened. */
  readonly url: string;

  constructor(options: FetchErrorOptions) {
    super(options.code, options.message, {
      isRetryable: options.isRetryable ?? (options.code === 'timeout' || options.code === 'network_error'),
      status: options.status,
      retryAfterMs: options.retryAfterMs,
      cause: options.cause,
    });
    this.url = options.url;
  }
}
