/**
 * The descriptive fields of a company profile (contract §1.6 and the CompanyResult of §6.3).
 * Every field is null until some evidence fills it: a profile never carries a guess.
 */
export interface CompanyProfileFields {
  short_description: string | null;
  full_description: string | null;
  products_services: string | null;
  use_cases: string | null;
  target_audience: string | null;
  other_considerations: string | null;
  founding_year: number | null;
  /** One of `EMPLOYEE_COUNT_BUCKETS`. */
  employee_count: string | null;
  hq_country: string | null;
  hq_state_province: string | null;
  hq_city: string | null;
  hq_full_address: string | null;
  /** Profile URLs by network: `linkedin`, `x`, `github`, `youtube`, `crunchbase`, `facebook`, `instagram`. */
  social_profiles: Record<string, string>;
}

/** The size buckets of contract §6.4, smallest first. */
export const EMPLOYEE_COUNT_BUCKETS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'] as const;

const BUCKET_RANGES: Array<[string, number, number]> = EMPLOYEE_COUNT_BUCKETS.map((bucket) => {
  const [low, high] = bucket.replace('+', '').split('-').map(Number);
  return [bucket, low!, high ?? Number.POSITIVE_INFINITY];
});

/** Fields that the model may fill when pages state them but markup does not. */
export const TEXT_FIELDS = ['short_description', 'full_description', 'products_services', 'use_cases', 'target_audience', 'other_considerations'] as const;
export const LOCATION_FIELDS = ['hq_country', 'hq_state_province', 'hq_city', 'hq_full_address'] as const;

/** A profile with nothing known yet. */
export function emptyProfileFields(): CompanyProfileFields {
  return {
    short_description: null,
    full_description: null,
    products_services: null,
    use_cases: null,
    target_audience: null,
    other_considerations: null,
    founding_year: null,
    employee_count: null,
    hq_country: null,
    hq_state_province: null,
    hq_city: null,
    hq_full_address: null,
    social_profiles: {},
  };
}

/**
 * The bucket an employee count falls in: "120", "51-200", "1,001–5,000", "200+", or a bucket name
 * itself. A range that is exactly a bucket is that bucket; another range goes by its midpoint
 * and an open one ("200+") by its lower end. Null when the text holds no number.
 */
export function employeeCountBucket(written: string | number | null | undefined): string | null {
  if (written === null || written === undefined) return null;
  const text = String(written).replace(/(\d),(?=\d{3})/g, '$1');
  const numbers = (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number).filter((value) => Number.isFinite(value) && value > 0);
  if (numbers.length === 0) return null;
  const [low, high] = numbers;
  if (high !== undefined && high > low!) {
    const exact = BUCKET_RANGES.find(([, bucketLow, bucketHigh]) => bucketLow === low && bucketHigh === high);
    if (exact) return exact[0];
    return bucketOf((low! + high) / 2);
  }
  return bucketOf(low!);
}

function bucketOf(count: number): string {
  const rounded = Math.max(1, Math.round(count));
  return BUCKET_RANGES.find(([, low, high]) => rounded >= low && rounded <= high)?.[0] ?? '10001+';
}

/** A four-digit founding year from a date or text ("2014-03-01", "founded 2014"), if plausible. */
export function foundingYearOf(written: string | number | null | undefined, now: Date = new Date()): number | null {
  if (written === null || written === undefined) return null;
  const match = /\b(1[6-9]\d\d|20\d\d)\b/.exec(String(written));
  const year = match ? Number(match[1]) : null;
  return year !== null && year <= now.getUTCFullYear() ? year : null;
}
