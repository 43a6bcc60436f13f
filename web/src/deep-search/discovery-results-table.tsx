import { Fragment, useState } from 'react';
import type { DiscoveryCriterion, DiscoveryResult } from '../api/api-types.ts';

export interface DiscoveryResultsTableProps {
  criteria: DiscoveryCriterion[];
  /** Most relevant first, as the server orders them. */
  results: DiscoveryResult[];
  /** Ticked results by id. */
  ticked: ReadonlySet<string>;
  onTickedChange(ticked: ReadonlySet<string>): void;
}

/**
 * Graded companies: relevance (0–100) and one grade (1–5) per criterion, each row opening to
 * every grade's explanation and the pages it rests on.
 */
export function DiscoveryResultsTable({ criteria, results, ticked, onTickedChange }: DiscoveryResultsTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (set: ReadonlySet<string>, id: string, isOn: boolean) => {
    const next = new Set(set);
    if (isOn) next.add(id);
    else next.delete(id);
    return next;
  };
  const allTicked = results.every((result) => ticked.has(result.id));
  return (
    <table className="tables-list discovery-results" data-testid="discovery-results">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Tick every company"
              checked={allTicked}
              onChange={(event) => onTickedChange(event.target.checked ? new Set(results.map((result) => result.id)) : new Set())}
            />
          </th>
          <th scope="col">Company</th>
          <th scope="col" className="number">
            Relevance
          </th>
          {criteria.map((criterion) => (
            <th key={criterion.key} scope="col" title={criterion.criterion}>
              {criterion.name}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => {
          const isOpen = open.has(result.id);
          const place = [result.hq_city, result.hq_country].filter(Boolean).join(', ');
          return (
            <Fragment key={result.id}>
              <tr data-result-domain={result.company_website} data-testid="discovery-result">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Tick ${result.company_name}`}
                    checked={ticked.has(result.id)}
                    onChange={(event) => onTickedChange(toggle(ticked, result.id, event.target.checked))}
                  />
                </td>
                <td>
                  <strong>{result.company_name}</strong>
                  <div className="muted small">
                    {result.company_website}
                    {place ? ` · ${place}` : ''}
                  </div>
                  {result.company_description && <div className="small">{result.company_description}</div>}
                </td>
                <td className="number" data-testid="result-relevance">
                  {result.relevance}
                </td>
                {criteria.map((criterion) => {
                  const score = result.scores[criterion.key];
                  return (
                    <td key={criterion.key} data-criterion={criterion.key}>
                      {score ? (
                        <span className={`grade grade-${score.grade}`} title={score.explanation} data-testid="result-grade">
                          {score.grade}
                          <span className="grade-scale">/5</span>
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    aria-expanded={isOpen}
                    onClick={() => setOpen(toggle(open, result.id, !isOpen))}
                    data-testid="result-why"
                  >
                    {isOpen ? 'Hide why' : 'Why?'}
                  </button>
                </td>
              </tr>
              {isOpen && (
                <tr className="result-details" data-testid="result-details">
                  <td />
                  <td colSpan={criteria.length + 3}>
                    <dl className="grade-explanations">
                      {criteria.map((criterion) => {
                        const score = result.scores[criterion.key];
                        return (
                          <div key={criterion.key} className="grade-explanation">
                            <dt>
                              {score && <span className={`grade grade-${score.grade}`}>{score.grade}</span>} {criterion.name}
                            </dt>
                            <dd>
                              {score ? score.explanation : <span className="muted">Not graded.</span>}
                              {score && score.sources.length > 0 && (
                                <ul className="sources">
                                  {score.sources.map((source) => (
                                    <li key={source}>
                                      <a href={source} target="_blank" rel="noreferrer">
                                        {source}
                                      </a>
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </dd>
                          </div>
                        );
                      })}
                    </dl>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
