import type { Column } from '../api/api-types.ts';
import { countOf } from '../common/counts.ts';
import { newColumnTarget, type MappingTarget, type SourceColumn } from './column-mapping.ts';

export interface ColumnMappingEditorProps {
  sources: SourceColumn[];
  targets: MappingTarget[];
  inputColumns: Column[];
  /** Every key of the table (new columns get keys none of these hold). */
  allKeys: string[];
  /** The rows as they will be added, for the preview. */
  rows: Record<string, string>[];
  onChange(targets: MappingTarget[]): void;
}

const PREVIEW_ROWS = 5;

function optionValue(target: MappingTarget): string {
  return target.kind === 'existing' ? `existing:${target.key}` : target.kind;
}

/**
 * The mapping step of an import or a multi-column paste: for each source column, which input
 * column it fills, a new input column named after it (with the key it will get), or nothing;
 * then the first rows as they will be added.
 */
export function ColumnMappingEditor({ sources, targets, inputColumns, allKeys, rows, onChange }: ColumnMappingEditorProps) {
  const names = new Map(inputColumns.map((column) => [column.config.key, column.config.name]));
  const choose = (index: number, value: string) => {
    const next = [...targets];
    if (value === 'skip') next[index] = { kind: 'skip' };
    else if (value === 'new') {
      const taken = new Set([...allKeys, ...targets.flatMap((target, other) => (target.kind === 'new' && other !== index ? [target.key] : []))]);
      next[index] = newColumnTarget(sources[index]!.header, taken);
    } else next[index] = { kind: 'existing', key: value.slice('existing:'.length) };
    onChange(next);
  };
  const shown = targets.map((target, index) => ({ target, index })).filter(({ target }) => target.kind !== 'skip');
  return (
    <>
      <table className="mapping-table" data-testid="column-mapping">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Values</th>
            <th scope="col">Goes into</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source, index) => {
            const target = targets[index]!;
            return (
              <tr key={index}>
                <th scope="row">{source.header || `column ${index + 1}`}</th>
                <td className="muted small">{source.samples.join(', ') || 'empty'}</td>
                <td>
                  <select
                    aria-label={`Where ${source.header || `column ${index + 1}`} goes`}
                    value={optionValue(target)}
                    onChange={(event) => choose(index, event.target.value)}
                  >
                    {inputColumns.map((column) => (
                      <option key={column.id} value={`existing:${column.config.key}`}>
                        {column.config.name}
                      </option>
                    ))}
                    <option value="new">{target.kind === 'new' ? `New input column “${target.name}”` : 'New input column'}</option>
                    <option value="skip">Leave out</option>
                  </select>
                  {target.kind === 'new' && (
                    <span className="hint mapping-new-key">
                      key <code>{target.key}</code>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length > 0 && rows.length > 0 && (
        <table className="preview" data-testid="import-preview">
          <caption className="muted small">
            First {countOf(Math.min(PREVIEW_ROWS, rows.length), 'row')} as {rows.length === 1 ? 'it' : 'they'} will be added
          </caption>
          <thead>
            <tr>
              {shown.map(({ target, index }) => (
                <th key={index} scope="col">
                  {target.kind === 'new' ? target.name : names.get(target.kind === 'existing' ? target.key : '')}
                  {target.kind === 'new' && <span className="badge">new</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PREVIEW_ROWS).map((row, rowIndex) => (
              <tr key={rowIndex}>
                {shown.map(({ target, index }) => (
                  <td key={index}>{target.kind === 'skip' ? '' : (row[target.key] ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
