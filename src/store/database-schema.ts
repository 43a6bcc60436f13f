import type { ColumnType, Generated } from 'kysely';
import type { StoredTime } from './kysely/stored-time.ts';

/**
 * Row types of every table as Kysely sees them. The same columns exist on SQLite and
 * PostgreSQL: JSON is stored as text and timestamps as ISO-8601 UTC text (which sorts
 * correctly as text), so queries read the same on both engines. Lease times and the times of
 * `rows` (0025: one per row, so bytes count) are epoch ms.
 */
export interface Database {
  workspaces: WorkspaceRow;
  users: UserRow;
  api_tokens: ApiTokenRow;
  tables: TableRow;
  table_cell_counts: TableCellCountRow;
  table_tags: TableTagRow;
  columns: ColumnRow;
  rows: RowRow;
  cells: CellRow;
  runs: RunRow;
  column_dependencies: ColumnDependencyRow;
  provider_cache: ProviderCacheRow;
  company_profiles: CompanyProfileRow;
  company_domain_aliases: CompanyDomainAliasRow;
  company_index_versions: CompanyIndexVersionRow;
  company_index_changes: CompanyIndexChangeRow;
  jobs: JobRow;
  discovery_tasks: DiscoveryTaskRow;
  discovery_candidates: DiscoveryCandidateRow;
  table_views: TableViewRow;
  deep_research_tasks: DeepResearchTaskRow;
  deep_research_findings: DeepResearchFindingRow;
}

export interface WorkspaceRow {
  id: string;
  name: string;
  slug: string;
  created_at: string;
}

export interface UserRow {
  id: string;
  workspace_id: string;
  email: string;
  is_admin: number;
  created_at: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface TableRow {
  /** Integer surrogate key (0022): what rows name their table by. The database assigns it (rowid / identity). */
  table_key: Generated<number>;
  id: string;
  workspace_id: string;
  owner_id: string;
  name: string;
  description: string | null;
  kind: string;
  /** JSON string[] or null, mirrored into table_tags for filtering. */
  tags: string | null;
  notify: number;
  /** JSON object. */
  settings: string;
  parent_table_id: string | null;
  relationship_type: string | null;
  created_at: string;
  updated_at: string;
  /** Highest row sequence number handed out; rows are ordered by seq. */
  last_row_seq: number;
  num_rows: number;
}

/** One shard of a table's computed-cell counts by status; a table's counts are the sum of its shards. */
export interface TableCellCountRow {
  table_id: string;
  shard: number;
  cells_created: number;
  cells_requested: number;
  cells_in_progress: number;
  cells_done: number;
  cells_failed: number;
}

export interface TableTagRow {
  table_id: string;
  tag: string;
}

export interface ColumnRow {
  /** Integer surrogate key (0022): what cells are keyed by. The database assigns it (rowid / identity). */
  column_key: Generated<number>;
  id: string;
  table_id: string;
  key: string;
  kind: string;
  position: number;
  /** JSON ColumnConfig. */
  config: string;
  created_at: string;
}

export interface RowRow {
  /** Integer surrogate key (0022): what cells are keyed by. The database assigns it (rowid / identity). */
  key: Generated<number>;
  id: string;
  /** The table's `table_key` (0022); the store maps it to and from the table id (kysely/cell-keys.ts). */
  table_key: number;
  seq: number;
  parent_row_id: string | null;
  company_profile_id: string | null;
  /** JSON object or null. */
  metadata: string | null;
  /** Epoch milliseconds (0025); kysely/stored-time.ts converts to and from the ISO strings the store answers with. */
  created_at: ColumnType<StoredTime, number, number>;
  /** NULL while the row is unchanged since it was made: it reads as `created_at` (not stored twice). Epoch ms like `created_at`. */
  updated_at: ColumnType<StoredTime | null, number | null, number | null>;
}

/**
 * Keyed by the integer keys of its row and column (0022); the ids stay on rows and columns, and
 * the store maps them at its edge (kysely/cell-keys.ts). A column's table is `columns.table_id`.
 */
export interface CellRow {
  row_key: number;
  column_key: number;
  /** created | requested | in_progress | done | failed */
  status: string;
  /** JSON of the cell value: the raw input, or {answer, source, explanation} for computed cells. */
  value: string | null;
  error: string | null;
  is_input: number;
  attempts: number;
  run_id: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  /** NULL for an input cell written with its row: it reads as the row's `created_at` (not stored twice). */
  updated_at: string | null;
  previous_status: string | null;
  run_after: number | null;
  bypass_cache: Generated<number>;
  is_ready: Generated<number>;
  /** Out of date: 'inputs' (a cell it reads changed) or 'config' (its column changed); null when current. */
  stale: string | null;
}

export interface ColumnDependencyRow {
  table_id: string;
  column_id: string;
  depends_on_column_id: string;
}

export interface ProviderCacheRow {
  key: string;
  /** JSON of the cached response. */
  value: string;
  /** Epoch ms after which the entry is ignored. */
  expires_at: number;
}

export interface RunRow {
  id: string;
  table_id: string;
  /** new | all | failed | stuck_failed_new */
  mode: string;
  /** created | in_progress | done | failed | canceled */
  status: string;
  /** JSON string[] of row ids, or null when the run was not scoped to rows. */
  rows: string | null;
  columns: string | null;
  num_requested_cells: number;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  /** Done and failed cells when the run ended; null before. */
  num_cells_done: number | null;
  num_cells_failed: number | null;
  /** Model calls and tokens of the run's cells, added as they end. */
  model_calls: Generated<number>;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  /** Dollars of the run's cells whose cost is known, and how many cells had no price. */
  cost: Generated<number>;
  unpriced_cells: Generated<number>;
  /** Caps the run was started with (null: none). */
  max_cost: number | null;
  max_cells: number | null;
  /** Why the run ended before its cells were all answered (`max_cost`, `max_cells`, `workspace_daily_cost`…). */
  status_reason: string | null;
}

/** A workspace's company-index version (migration 0021): raised by each transaction that saves or deletes its profiles. */
export interface CompanyIndexVersionRow {
  workspace_id: string;
  version: number;
  /** Raised by each transaction that stores vectors of the workspace's profiles. */
  embedding_version: Generated<number>;
}

/** The latest change of one profile in the company index: the version that made it, and whether it was a deletion. */
export interface CompanyIndexChangeRow {
  workspace_id: string;
  profile_id: string;
  version: number;
  deleted: number;
}

export interface CompanyProfileRow {
  id: string;
  workspace_id: string;
  /** Registrable domain, lower case (`acme.com`); unique per workspace. */
  domain: string;
  name: string | null;
  /** `name` reduced for matching: lower case, letters and digits only. */
  name_key: string | null;
  /** The site's home page URL after redirects. */
  website: string | null;
  /** JSON object: the profile's descriptive fields (contract §1.6). */
  fields: string;
  /** JSON string[]: pages the profile was built from. */
  sources: string;
  /** When the evidence was fetched (ISO). */
  as_of: string;
  created_at: string;
  updated_at: string;
  /** Firmographics the search filters compare (contract §6.4), derived from `fields` on every save. */
  size_bucket: string | null;
  country_key: string | null;
  city_key: string | null;
  founding_year: number | null;
  /** SQLite only: the row of the profile's text in the FTS5 table `company_profile_text`. */
  search_key?: number | null;
  /** PostgreSQL only: the profile's weighted text (tsvector). */
  search_vector?: string | null;
  /** The profile's embedding: little-endian float32 bytes; null until the `profile.embed` job writes it. */
  embedding: Uint8Array | null;
  /** The model of `embedding`; null when the profile's text changed since (out of date). */
  embedding_model: string | null;
  embedding_dimensions: number | null;
  /** When `embedding` was written (ISO); processes holding vectors in memory read what is newer. */
  embedded_at: string | null;
}

export interface CompanyDomainAliasRow {
  workspace_id: string;
  domain: string;
  profile_id: string;
}

export interface JobRow {
  id: string;
  kind: string;
  workspace_id: string;
  /** JSON. */
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'running' | 'done' | 'failed' | 'superseded';
  attempts: number;
  max_attempts: number;
  /** Epoch ms before which the job is not claimed. */
  run_after: number;
  lease_token: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface DiscoveryTaskRow {
  id: string;
  workspace_id: string;
  owner_id: string;
  query: string;
  desired_num_results: number;
  criteria: string;
  auto_data_sources: number;
  data_sources: string;
  table_link: string | null;
  exclude_domains: string;
  status: string;
  is_exhausted: number;
  is_paused: number;
  queries_used: number;
  failure_reason: string | null;
  model_calls: number;
  searches: number;
  page_reads: number;
  /** Migration 0014: tokens, dollars, unpriced calls and cache savings (TaskSpend). */
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unpriced_calls: number;
  cached_calls: number;
  cache_saved_cost: number;
  created_at: string;
  updated_at: string;
  /** JSON TaskBudget or null (0017). */
  budget: string | null;
  /** JSON string[] (0017). */
  degradation_reasons: string;
  /** 1 while the criteria may still be drafted from the query (0017). */
  criteria_pending: number;
}

export interface DiscoveryCandidateRow {
  id: string;
  task_id: string;
  domain: string;
  name: string | null;
  website: string | null;
  source: string;
  source_url: string | null;
  status: string;
  company_profile_id: string | null;
  description: string | null;
  scores: string | null;
  relevance: number | null;
  is_high_fit: number;
  rejected_because: string | null;
  imported_row_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface TableViewRow {
  id: string;
  table_id: string;
  name: string;
  /** JSON of the view's query (filter, sort, search, columns). */
  query: string;
  created_at: string;
  updated_at: string;
}
export interface DeepResearchTaskRow {
  id: string;
  workspace_id: string;
  owner_id: string;
  brief: string;
  depth: string;
  output_schema: string | null;
  status: string;
  iterations: number;
  failure_reason: string | null;
  report: string | null;
  degradation_reasons: string;
  target: string | null;
  model_calls: number;
  tokens: number;
  searches: number;
  page_fetches: number;
  /** Migration 0014: tokens, dollars, unpriced calls and cache savings (TaskSpend). */
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unpriced_calls: number;
  cached_calls: number;
  cache_saved_cost: number;
  created_at: string;
  updated_at: string;
  /** JSON TaskBudget or null (0017). */
  budget: string | null;
}

export interface DeepResearchFindingRow {
  id: string;
  task_id: string;
  position: number;
  question: string;
  status: string;
  answer: string | null;
  excerpts: string;
  error: string | null;
  updated_at: string;
}
