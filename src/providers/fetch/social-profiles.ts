import { getDomain } from 'tldts';
import type { SocialNetwork, SocialProfileLink } from '../spec/fetcher.ts';

interface ProfileRule {
  network: SocialNetwork;
  /** Registrable domains of the network. */
  domains: string[];
  /** Matches the path (lower-case, no trailing slash); group 1 is the handle. */
  path: RegExp;
  /** How many leading path segments make up the canonical profile URL. */
  segments: number;
}

// First path segments that are features of the network rather than someone's profile.
const X_RESERVED = 'home|intent|share|search|hashtag|i|explore|settings|login|signup|tos|privacy|messages|notifications';
const GITHUB_RESERVED =
  'features|about|pricing|enterprise|login|join|orgs|marketplace|sponsors|topics|collections|settings|site|security|contact|customer-stories|readme|team';
const FACEBOOK_RESERVED = 'sharer|sharer\\.php|share\\.php|profile\\.php|dialog|plugins|login|help|policies|privacy|groups|events|watch|tr';
const INSTAGRAM_RESERVED = 'p|reel|reels|explore|accounts|stories|direct|about|legal';

const RULES: ProfileRule[] = [
  { network: 'linkedin_company', domains: ['linkedin.com'], path: /^\/(?:company|school|showcase)\/([^/]+)/, segments: 2 },
  { network: 'linkedin_person', domains: ['linkedin.com'], path: /^\/in\/([^/]+)/, segments: 2 },
  { network: 'x', domains: ['x.com', 'twitter.com'], path: new RegExp(`^\\/(?!(?:${X_RESERVED})(?:\\/|$))(@?[a-z0-9_]{1,15})(?:\\/|$)`), segments: 1 },
  { network: 'github', domains: ['github.com'], path: new RegExp(`^\\/(?!(?:${GITHUB_RESERVED})(?:\\/|$))([a-z0-9-]{1,39})(?:\\/|$)`), segments: 1 },
  { network: 'youtube', domains: ['youtube.com'], path: /^\/(@[^/]+|(?:channel|c|user)\/[^/]+)/, segments: 0 },
  {
    network: 'facebook',
    domains: ['facebook.com', 'fb.com'],
    path: new RegExp(`^\\/(?!(?:${FACEBOOK_RESERVED})(?:\\/|$))([a-z0-9.-]{2,})(?:\\/|$)`),
    segments: 1,
  },
  { network: 'instagram', domains: ['instagram.com'], path: new RegExp(`^\\/(?!(?:${INSTAGRAM_RESERVED})(?:\\/|$))([a-z0-9_.]{1,30})(?:\\/|$)`), segments: 1 },
  { network: 'crunchbase', domains: ['crunchbase.com'], path: /^\/(?:organization|person)\/([^/]+)/, segments: 2 },
];

/**
 * Recognises a link to a profile on a known social network and returns it normalised: https,
 * the network's canonical host, no query or fragment, and only the path segments that name the
 * profile (`linkedin.com/company/acme/jobs` → `https://www.linkedin.com/company/acme`).
 * Share buttons, feature pages and posts are not profiles and return null.
 */
export function classifySocialProfile(url: URL): SocialProfileLink | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const domain = getDomain(url.hostname);
  if (!domain) return null;
  const path = decodePath(url.pathname).toLowerCase().replace(/\/+$/, '');
  for (const rule of RULES) {
    if (!rule.domains.includes(domain)) continue;
    const match = rule.path.exec(path);
    if (!match?.[1]) continue;
    const handle = match[1];
    // YouTube's handle already spans its segments (`channel/UC…`); others keep `segments` of the path.
    const profilePath =
      rule.segments === 0
        ? `/${handle}`
        : path
            .split('/')
            .slice(0, rule.segments + 1)
            .join('/');
    return { network: rule.network, url: `https://${canonicalHost(rule.network, domain)}${profilePath}`, handle };
  }
  return null;
}

function canonicalHost(network: SocialNetwork, domain: string): string {
  if (network === 'x') return 'x.com';
  if (network === 'facebook') return 'www.facebook.com';
  if (network === 'github') return 'github.com';
  return `www.${domain}`;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // A malformed escape leaves the path as sent; it then simply fails to match a profile.
    return path;
  }
}
