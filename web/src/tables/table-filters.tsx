import { TABLE_KIND_DESCRIPTIONS, TABLE_KIND_ORDER } from './table-kinds.ts';

export interface TableFilterValues {
  search: string;
  /** A table kind, or '' for every kind. */
  kind: string;
  /** Comma-separated tags; a table matches when it has any of them. */
  tags: string;
  sort: string;
}

const SORTS: { value: string; label: string }[] = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-num_rows', label: 'Most rows' },
  { value: 'num_rows', label: 'Fewest rows' },
];

export function TableFilters({ values, onChange }: { values: TableFilterValues; onChange(values: TableFilterValues): void }) {
  return (
    <div className="filters" role="search">
      <input
        type="search"
        aria-label="Search tables"
        placeholder="Search by name or description"
        value={values.search}
        onChange={(event) => onChange({ ...values, search: event.target.value })}
      />
      <select aria-label="Kind" value={values.kind} onChange={(event) => onChange({ ...values, kind: event.target.value })}>
        <option value="">All kinds</option>
        {TABLE_KIND_ORDER.map((kind) => (
          <option key={kind} value={kind}>
            {TABLE_KIND_DESCRIPTIONS[kind].title}
          </option>
        ))}
      </select>
      <input
        type="text"
        aria-label="Tags"
        placeholder="Tags, comma-separated"
        value={values.tags}
        onChange={(event) => onChange({ ...values, tags: event.target.value })}
      />
      <select aria-label="Sort" value={values.sort} onChange={(event) => onChange({ ...values, sort: event.target.value })}>
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </select>
    </div>
  );
}
