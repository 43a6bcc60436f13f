/** One person the finder writes to the child people table. */
export interface FoundPerson {
  full_name: string;
  role: string;
  profile_url: string | null;
  source: string;
  excerpt: string;
  fetched_at: string;
}

/** What syncing a company row's people changed. */
export interface PeopleSyncOutcome {
  childTableId: string;
  /** Row ids of people new to the child table. */
  added: string[];
  /** Row ids of people already there and found again. */
  kept: string[];
  /** Names of people listed before under this company and not found this time (their rows are marked, not deleted). */
  noLongerFound: string[];
}

/**
 * Where the people finder writes what it found: the child people table of the company row's
 * table. Idempotent per (company row, people): a retried or re-run cell converges on one row
 * per person (matched on profile URL, else on the normalised name).
 */
export interface ChildPeopleRows {
  sync(request: { parentTableId: string; parentRowId: string; columnKey: string; columnName: string; people: FoundPerson[] }): Promise<PeopleSyncOutcome>;
}
