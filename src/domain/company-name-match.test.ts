import { describe, expect, it } from 'vitest';
import { contextAgreement, domainSimilarity, nameSimilarity, unidentifiableNameReason } from './company-name-match.ts';

describe('nameSimilarity', () => {
  it.each([
    ['Acme Robotics', 'Acme Robotics, Inc.', 1],
    ['acmerobotics', 'Acme Robotics', 1],
    ['Acme Robotcs', 'Acme Robotics', 0.9],
    ['Acem Robotics', 'Acme Robotics', 0.8],
    ['Acme', 'Acme Robotics', 0.85],
    ['Meridian', 'Meridian Health', 0.94],
  ])('%s ~ %s ≥ %s', (typed, candidate, minimum) => {
    expect(nameSimilarity(typed, candidate)).toBeGreaterThanOrEqual(minimum);
  });

  it.each([
    ['not a website at all!!', 'BrightPath Analytics'],
    ['Acme Robotics', 'Apex Logistics'],
    ['Borealis Freight', 'Freight Directory'],
  ])('%s is not %s', (typed, candidate) => {
    expect(nameSimilarity(typed, candidate)).toBeLessThan(0.6);
  });
});

describe('domainSimilarity', () => {
  it('finds the distinctive words in the domain label, typos allowed', () => {
    expect(domainSimilarity('Cobalt Health', 'cobalt')).toBe(1);
    expect(domainSimilarity('Cobalt Health', 'cobalt-health')).toBe(1);
    expect(domainSimilarity('Borealis Freight', 'borealisfreight')).toBe(1);
    expect(domainSimilarity('Boreallis', 'borealis')).toBe(1);
    expect(domainSimilarity('Cobalt Health', 'companydirectory')).toBe(0);
  });
});

describe('unidentifiableNameReason', () => {
  it('refuses text that cannot name one company', () => {
    expect(unidentifiableNameReason('not a website at all!!')).toMatch(/generic words/);
    expect(unidentifiableNameReason('Software company')).toMatch(/generic words/);
    expect(unidentifiableNameReason('The Group')).toMatch(/generic words/);
    expect(unidentifiableNameReason('!!! ???')).toBe('it has no letters');
    expect(unidentifiableNameReason('x'.repeat(200))).toMatch(/too long/);
  });

  it('accepts names with a distinctive word', () => {
    expect(unidentifiableNameReason('Acme')).toBeNull();
    expect(unidentifiableNameReason('Cobalt Health')).toBeNull();
  });
});

describe('contextAgreement', () => {
  it('counts the row values the candidate text bears out', () => {
    const text = 'Meridian Health builds scheduling software for hospitals in Leeds, United Kingdom.';
    expect(contextAgreement(['Leeds', 'hospitals'], text)).toBe(1);
    expect(contextAgreement(['Leeds', 'freight forwarding'], text)).toBe(0.5);
    expect(contextAgreement(['healthcare'], 'We provide healthcare software.')).toBe(1);
    expect(contextAgreement([], text)).toBeNull();
  });
});
