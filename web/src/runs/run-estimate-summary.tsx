import type { RunEstimate } from '../api/api-types.ts';
import { formatDollars } from './dollars.ts';

const BASIS: Record<RunEstimate['columns'][number]['basis'], string> = {
  column_history: 'from its own finished cells',
  similar_columns: 'from similar columns in this workspace',
  prompt_size: 'from the prompt size (no history yet)',
};

/** What a run would queue and cost, per column, as the dry run answered it. */
export function RunEstimateSummary({ estimate }: { estimate: RunEstimate }) {
  const tokens = estimate.expected.input_tokens + estimate.expected.output_tokens;
  return (
    <div className="run-estimate" data-testid="run-estimate">
      <p>
        <strong data-testid="run-estimate-cells">{estimate.num_requested_cells.toLocaleString()} cells</strong>,{' '}
        {estimate.expected.model_calls.toLocaleString()} model calls, about {tokens.toLocaleString()} tokens:{' '}
        {estimate.cost ? (
          <strong data-testid="run-estimate-cost">
            {formatDollars(estimate.cost.expected)} expected ({formatDollars(estimate.cost.low)}–{formatDollars(estimate.cost.high)})
          </strong>
        ) : (
          <strong data-testid="run-estimate-cost">cost unknown (a model has no price)</strong>
        )}
      </p>
      <ul className="muted small">
        {estimate.columns.map((column) => (
          <li key={column.column_id}>
            {column.name}: {column.cells.toLocaleString()} cells on {column.model ?? 'no model'},{' '}
            {column.cost ? formatDollars(column.cost.expected) : 'unknown cost'} {BASIS[column.basis]}
          </li>
        ))}
      </ul>
    </div>
  );
}
