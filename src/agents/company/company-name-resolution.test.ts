import { describe, expect, it } from 'vitest';
import type { CompanyCandidate, CompanyCandidateSource } from './company-candidates.ts';
import { matchCompanyName, scoreCandidate } from './company-name-resolution.ts';

const settings = { threshold: 0.75, unresolved: 'not_found' as const };
const call = { signal: new AbortController().signal, runId: null, bypassCache: false };

function candidate(domain: string, ownName: string | null, evidenceText = '', source: CompanyCandidate['source'] = 'search'): CompanyCandidate {
  return { source, domain, website: `https://${domain}/`, ownName, evidenceText };
}

function sourceOf(name: CompanyCandidate['source'], candidates: CompanyCandidate[], calls: string[] = []): CompanyCandidateSource {
  return {
    name,
    findCandidates: async (_workspaceId, query) => {
      calls.push(query);
      return candidates;
    },
  };
}

describe('matchCompanyName', () => {
  it('takes the site whose own name matches, even when a directory-like site ranks first', async () => {
    const match = await matchCompanyName(
      'w',
      'Cobalt Health',
      [],
      [sourceOf('search', [candidate('health-companies.example', 'Health Companies Directory'), candidate('cobalt.example', 'Cobalt Health')])],
      settings,
      call,
    );
    expect(match).toMatchObject({ kind: 'matched', candidate: { domain: 'cobalt.example' }, resolution: { method: 'name_search' } });
    expect(match.resolution.score).toBeGreaterThan(0.9);
    expect(match.resolution.candidates.map((entry) => entry.domain)).toEqual(['cobalt.example', 'health-companies.example']);
  });

  it('matches through a typo', async () => {
    const match = await matchCompanyName('w', 'Acme Robotcs', [], [sourceOf('search', [candidate('acme.example', 'Acme Robotics')])], settings, call);
    expect(match.kind).toBe('matched');
  });

  it('does not take a search result whose own site names another company', async () => {
    const match = await matchCompanyName(
      'w',
      'Zorblax Industries',
      [],
      [sourceOf('search', [candidate('brightpath.example', 'BrightPath Analytics')])],
      settings,
      call,
    );
    expect(match).toMatchObject({ kind: 'unmatched', resolution: { method: 'none' } });
    if (match.kind === 'unmatched') expect(match.reason).toContain('BrightPath Analytics (brightpath.example');
  });

  it('refuses garbage and generic words without asking any source', async () => {
    const calls: string[] = [];
    for (const input of ['not a website at all!!', 'software company', '???']) {
      const match = await matchCompanyName(
        'w',
        input,
        [],
        [sourceOf('search', [candidate('brightpath.example', 'BrightPath Analytics')], calls)],
        settings,
        call,
      );
      expect(match).toMatchObject({ kind: 'unmatched', isIdentifiable: false });
    }
    expect(calls).toEqual([]);
  });

  it('lets the row decide between two companies of one name, and lists both when it cannot', async () => {
    const both = [
      candidate('meridian-freight.example', 'Meridian', 'Meridian moves containers between Rotterdam and Hamburg. Freight forwarding.'),
      candidate('meridian-health.example', 'Meridian', 'Meridian builds scheduling software for hospitals in Leeds.'),
    ];
    const decided = await matchCompanyName('w', 'Meridian', ['hospitals', 'Leeds'], [sourceOf('search', both)], settings, call);
    expect(decided).toMatchObject({ kind: 'matched', candidate: { domain: 'meridian-health.example' } });
    const undecided = await matchCompanyName('w', 'Meridian', [], [sourceOf('search', both)], settings, call);
    expect(undecided.kind).toBe('unmatched');
    if (undecided.kind === 'unmatched') {
      expect(undecided.reason).toMatch(/could be .*meridian-(freight|health).* or .*meridian-(freight|health)/);
      expect(undecided.resolution.candidates.map((entry) => entry.domain).sort()).toEqual(['meridian-freight.example', 'meridian-health.example']);
    }
  });

  it('stops at an exact workspace match without searching', async () => {
    const searches: string[] = [];
    const match = await matchCompanyName(
      'w',
      'Fernwood Analytics',
      [],
      [sourceOf('workspace', [candidate('fernwood.example', 'Fernwood Analytics', '', 'workspace')]), sourceOf('search', [], searches)],
      settings,
      call,
    );
    expect(match).toMatchObject({ kind: 'matched', resolution: { method: 'workspace_profile' } });
    expect(searches).toEqual([]);
  });

  it('searches past a stored company when its profile met a namesake, and lets the read site replace the recalled one', async () => {
    const stored = candidate('meridian-health.example', 'Meridian', 'Meridian builds scheduling software for hospitals in Leeds.', 'workspace');
    const recalled: CompanyCandidate = { ...candidate('meridian-freight.example', 'Meridian', 'Meridian'), isRecalled: true };
    const freightSite = candidate('meridian-freight.example', 'Meridian', 'Meridian moves containers between Rotterdam and Hamburg. Freight forwarding.');
    const workspace = sourceOf('workspace', [stored, recalled]);
    const searches: string[] = [];
    const search = sourceOf('search', [freightSite, candidate('meridian-health.example', 'Meridian', 'Scheduling software for hospitals.')], searches);

    const bare = await matchCompanyName('w', 'Meridian', [], [workspace, search], settings, call);
    expect(bare.kind).toBe('unmatched');
    expect(searches).toEqual(['Meridian']);
    expect(bare.resolution.candidates.map((entry) => entry.domain).sort()).toEqual(['meridian-freight.example', 'meridian-health.example']);

    const freight = await matchCompanyName('w', 'Meridian', ['freight forwarding'], [workspace, search], settings, call);
    expect(freight).toMatchObject({ kind: 'matched', candidate: { domain: 'meridian-freight.example', evidenceText: freightSite.evidenceText } });
    expect(freight.resolution.candidates.find((entry) => entry.domain === 'meridian-freight.example')?.context_score).toBe(1);

    // The row agrees with the stored company, but the namesake's site is unread and might agree too: it is read, then the stored one taken.
    const health = await matchCompanyName('w', 'Meridian', ['hospital scheduling'], [workspace, search], settings, call);
    expect(health).toMatchObject({ kind: 'matched', resolution: { method: 'workspace_profile' } });
    expect(searches).toEqual(['Meridian', 'Meridian', 'Meridian']);
  });

  it('does not judge a recalled namesake against the row, and with no search to read it, names both', async () => {
    const stored = candidate('meridian-health.example', 'Meridian', 'Meridian builds scheduling software for hospitals in Leeds.', 'workspace');
    const recalled: CompanyCandidate = { ...candidate('meridian-freight.example', 'Meridian', 'Meridian'), isRecalled: true };
    expect(scoreCandidate('Meridian', ['freight forwarding'], recalled).context_score).toBeNull();
    const bare = await matchCompanyName('w', 'Meridian', [], [sourceOf('workspace', [stored, recalled])], settings, call);
    expect(bare.kind).toBe('unmatched');
    // The row rules the stored company out: the recalled one is taken, to be read from its site.
    const freight = await matchCompanyName('w', 'Meridian', ['freight forwarding'], [sourceOf('workspace', [stored, recalled])], settings, call);
    expect(freight).toMatchObject({ kind: 'matched', candidate: { domain: 'meridian-freight.example', isRecalled: true } });
  });

  it('never takes a candidate whose site could not be read', async () => {
    const match = await matchCompanyName('w', 'Acme Robotics', [], [sourceOf('search', [candidate('acmerobotics.example', null)])], settings, call);
    expect(match.kind).toBe('unmatched');
  });
});

describe('scoreCandidate', () => {
  it('weighs the domain: one word of a longer name matches only on its own domain', () => {
    expect(scoreCandidate('Acme', [], candidate('acme.example', 'Acme Robotics')).score).toBeGreaterThanOrEqual(0.75);
    expect(scoreCandidate('Robotics', [], candidate('acme.example', 'Acme Robotics')).score).toBeLessThan(0.75);
  });
});
