import { describe, expect, it } from 'vitest';
import type { CompanyProfileRecord } from '../../store/company-profile-store.ts';
import type { ScoredCandidate } from './company-name-resolution.ts';
import { namesakesOf } from './workspace-company-candidates.ts';

const weighed = (domain: string, name: string | null): ScoredCandidate => ({
  name,
  domain,
  website: `https://${domain}/`,
  source: 'search',
  score: 0.9,
  name_score: 1,
  domain_score: 0.5,
  context_score: null,
});

function profile(candidates: ScoredCandidate[] | null): CompanyProfileRecord {
  return {
    id: 'p1',
    workspaceId: 'w',
    domain: 'meridian-health.example',
    name: 'Meridian',
    nameKey: 'meridian',
    website: 'https://meridian-health.example/',
    fields: candidates ? { resolution: { method: 'name_search', score: 0.95, candidates } } : {},
    sources: [],
    asOf: '2026-12-07T00:00:00.000Z',
    createdAt: '2026-12-07T00:00:00.000Z',
    updatedAt: '2026-12-07T00:00:00.000Z',
  };
}

describe('namesakesOf', () => {
  it('recalls the other companies of the same name its search weighed, and nothing else', () => {
    const stored = profile([
      weighed('meridian-health.example', 'Meridian'),
      weighed('meridian-freight.example', 'Meridian, Inc.'),
      weighed('bizdirectory.example', 'BizDirectory'),
      weighed('unreadable.example', null),
    ]);
    expect(namesakesOf(stored)).toEqual([
      {
        source: 'search',
        domain: 'meridian-freight.example',
        website: 'https://meridian-freight.example/',
        ownName: 'Meridian, Inc.',
        evidenceText: 'Meridian, Inc.',
        isRecalled: true,
      },
    ]);
  });

  it('recalls none for a profile built from a domain (no name search) or without a name', () => {
    expect(namesakesOf(profile(null))).toEqual([]);
    expect(namesakesOf({ ...profile([weighed('meridian-freight.example', 'Meridian')]), nameKey: null })).toEqual([]);
  });
});
