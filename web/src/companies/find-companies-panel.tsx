import { useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-error.ts';
import type { CompanySearchResult } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf, nounFor } from '../common/counts.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { addCompaniesToTable } from './company-rows.ts';
import { CompanyResultsList } from './company-results-list.tsx';
import { SearchFiltersFields } from './search-filters-fields.tsx';
import { buildSearchRequest, describeSearchIssue, EMPTY_SEARCH_FORM, type SearchForm } from './search-form.ts';

const PAGE_SIZE = 25;

export interface FindCompaniesPanelProps {
  tableId: string;
  tableName: string;
  onClose(): void;
  /** Rows were added (the grid reloads). */
  onAdded(count: number): void;
}

interface Results {
  /** The request the results answer, so "More" asks for its next page. */
  request: Extract<ReturnType<typeof buildSearchRequest>, { ok: true }>;
  companies: CompanySearchResult[];
  hasMore: boolean;
  /** Lookalikes: the company the search started from. */
  seedName: string | null;
  rankingNote: string | null;
}

/**
 * Find companies in the workspace's index (every profile any table, lookup, Deep Search or import
 * built): by description or like a domain, narrowed by the §6.4 filters; ticked ones become rows
 * of this company table, whose profiles are then reused rather than rebuilt.
 */
export function FindCompaniesPanel({ tableId, tableName, onClose, onAdded }: FindCompaniesPanelProps) {
  const { api } = useSession();
  const [form, setForm] = useState<SearchForm>(EMPTY_SEARCH_FORM);
  const [problems, setProblems] = useState<string[]>([]);
  const [results, setResults] = useState<Results | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [isSearching, setIsSearching] = useState(false);
  const [ticked, setTicked] = useState<ReadonlyMap<string, CompanySearchResult>>(new Map());
  const [isRunAfter, setIsRunAfter] = useState(true);
  const [addError, setAddError] = useState<unknown>(null);
  const [isAdding, setIsAdding] = useState(false);
  const latest = useRef<AbortController | null>(null);

  const fetchPage = async (request: Results['request'], offset: number, signal: AbortSignal) => {
    if (request.mode === 'like') {
      const page = await api.similarCompanies(request.domain, request.filters, offset, PAGE_SIZE, signal);
      return { companies: page.results, seedName: page.reference_company.name, rankingNote: page.request.ranking_note };
    }
    const page = await api.searchCompanies(request.query, request.filters, offset, PAGE_SIZE, signal);
    return { companies: page.results, seedName: null, rankingNote: page.request.ranking_note };
  };

  const load = async (request: Results['request'], previous: Results | null) => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    setIsSearching(true);
    setSearchError(null);
    try {
      const page = await fetchPage(request, previous?.companies.length ?? 0, controller.signal);
      if (controller.signal.aborted) return;
      setResults({
        request,
        companies: [...(previous?.companies ?? []), ...page.companies],
        hasMore: page.companies.length === PAGE_SIZE,
        seedName: page.seedName,
        rankingNote: page.rankingNote,
      });
    } catch (error) {
      if (!controller.signal.aborted) setSearchError(error);
    } finally {
      if (!controller.signal.aborted) setIsSearching(false);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    const request = buildSearchRequest(form);
    if (!request.ok) {
      setProblems(request.problems);
      return;
    }
    setProblems([]);
    setResults(null);
    setTicked(new Map());
    void load(request, null);
  };

  const toggle = (company: CompanySearchResult, isTicked: boolean) =>
    setTicked((current) => {
      const next = new Map(current);
      if (isTicked) next.set(company.domain, company);
      else next.delete(company.domain);
      return next;
    });

  const add = async () => {
    setIsAdding(true);
    setAddError(null);
    try {
      const count = await addCompaniesToTable(
        api,
        tableId,
        [...ticked.values()].map((company) => ({ domain: company.domain })),
        isRunAfter,
      );
      onAdded(count);
      onClose();
    } catch (error) {
      setAddError(error);
      setIsAdding(false);
    }
  };

  return (
    <Dialog title="Find companies" onClose={onClose} size="wide" testId="find-companies-panel">
      <div className="stack">
        <form className="stack" onSubmit={search}>
          <div className="inline-choices" role="radiogroup" aria-label="Search by">
            <label className="checkbox">
              <input type="radio" name="find-mode" checked={form.mode === 'describe'} onChange={() => setForm({ ...form, mode: 'describe' })} />
              Describe the companies
            </label>
            <label className="checkbox">
              <input type="radio" name="find-mode" checked={form.mode === 'like'} onChange={() => setForm({ ...form, mode: 'like' })} />
              Companies like…
            </label>
          </div>
          <div className="find-companies-query">
            <input
              aria-label={form.mode === 'like' ? 'Domain of a company' : 'Describe the companies'}
              data-testid="find-companies-query"
              value={form.text}
              placeholder={form.mode === 'like' ? 'stripe.com' : 'B2B payroll software in Germany'}
              onChange={(event) => setForm({ ...form, text: event.target.value })}
              data-autofocus
            />
            <button type="submit" className="button button-primary" disabled={isSearching}>
              {isSearching && !results ? 'Searching…' : 'Search'}
            </button>
          </div>
          <SearchFiltersFields form={form} onChange={setForm} />
          {problems.map((problem) => (
            <p key={problem} className="field-error" role="alert">
              {problem}
            </p>
          ))}
        </form>
        <SearchError error={searchError} />
        {results && (
          <>
            <p className="muted small" data-testid="find-companies-summary">
              {results.seedName ? `Companies like ${results.seedName}` : `Matches for “${results.request.mode === 'describe' ? results.request.query : ''}”`}
              {' · '}
              {results.companies.length === 0 ? 'none' : `${countOf(results.companies.length, 'company', 'companies')} shown`}
              {results.rankingNote ? ` · ${results.rankingNote}` : ''}
            </p>
            {results.companies.length === 0 ? (
              <div className="empty-state" data-testid="find-companies-empty">
                <h2>No company matches</h2>
                <p className="muted">
                  The search covers your own index: companies profiled by your tables, lookups, Deep Searches and imports. Try other words, fewer filters, or a
                  Deep Search to find new companies on the web.
                </p>
              </div>
            ) : (
              <CompanyResultsList companies={results.companies} ticked={ticked} onToggle={toggle} />
            )}
            {results.hasMore && (
              <button type="button" className="button" disabled={isSearching} onClick={() => void load(results.request, results)}>
                {isSearching ? 'Loading…' : 'Show more'}
              </button>
            )}
          </>
        )}
        <ErrorMessage error={addError} title="Adding the companies stopped." />
        <div className="dialog-actions find-companies-actions">
          <label className="checkbox muted">
            <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
            Run the new rows straight away (profiles already built are reused)
          </label>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={ticked.size === 0 || isAdding}
            onClick={() => void add()}
            data-testid="add-companies"
          >
            {isAdding ? 'Adding…' : `Add ${ticked.size.toLocaleString()} ${nounFor(ticked.size, 'company', 'companies')} to ${tableName}`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** A failed search, with each 422 issue named by the field of the form it is about. */
function SearchError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="notice notice-error" role="alert" data-testid="find-companies-error">
      <strong>{error instanceof ApiError && error.status === 422 ? 'The search was refused: ' : 'The search failed: '}</strong>
      {issues.length === 0 ? (
        <span>{errorMessage(error)}</span>
      ) : (
        <ul>
          {issues.map((issue, index) => (
            <li key={index}>{describeSearchIssue(issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
