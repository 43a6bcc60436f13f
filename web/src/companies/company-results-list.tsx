import type { CompanySearchResult } from '../api/api-types.ts';

export interface CompanyResultsListProps {
  companies: CompanySearchResult[];
  /** Ticked companies by domain. */
  ticked: ReadonlyMap<string, CompanySearchResult>;
  onToggle(company: CompanySearchResult, isTicked: boolean): void;
}

/** A relevance in [0, 1] as a reader takes it in: "87 %". */
export function relevancePercent(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)} %`;
}

/** Search results to tick: name, domain, what the company does, where and how big, and how well it matches. */
export function CompanyResultsList({ companies, ticked, onToggle }: CompanyResultsListProps) {
  const allTicked = companies.length > 0 && companies.every((company) => ticked.has(company.domain));
  return (
    <table className="tables-list company-results" data-testid="company-results">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Tick every company shown"
              checked={allTicked}
              onChange={(event) => {
                for (const company of companies) if (ticked.has(company.domain) !== event.target.checked) onToggle(company, event.target.checked);
              }}
            />
          </th>
          <th scope="col">Company</th>
          <th scope="col">What it does</th>
          <th scope="col" className="number">
            Relevance
          </th>
        </tr>
      </thead>
      <tbody>
        {companies.map((company) => {
          const facts = [company.hq_city, company.hq_country, company.employee_count ? `${company.employee_count} people` : null, company.founding_year]
            .filter((fact) => fact !== null && fact !== '')
            .join(' · ');
          return (
            <tr key={company.id} data-domain={company.domain}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Tick ${company.name}`}
                  checked={ticked.has(company.domain)}
                  onChange={(event) => onToggle(company, event.target.checked)}
                />
              </td>
              <td>
                <strong>{company.name}</strong>
                <div className="muted small">{company.domain}</div>
              </td>
              <td>
                {company.short_description ?? <span className="muted">No description</span>}
                {facts && <div className="muted small">{facts}</div>}
              </td>
              <td className="number" data-testid="relevance">
                {relevancePercent(company.relevance_score)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
