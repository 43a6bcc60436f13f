import type { SearchForm } from './search-form.ts';
import { countFilters, SIZE_BUCKETS } from './search-form.ts';

export interface SearchFiltersFieldsProps {
  form: SearchForm;
  onChange(form: SearchForm): void;
}

/** The §6.4 filters as form fields, folded under a summary that says how many are set. */
export function SearchFiltersFields({ form, onChange }: SearchFiltersFieldsProps) {
  const set = (changes: Partial<SearchForm>) => onChange({ ...form, ...changes });
  const count = countFilters(form);
  return (
    <details className="search-filters" data-testid="search-filters">
      <summary>Filters{count > 0 ? ` (${count} set)` : ''}</summary>
      <div className="form-grid">
        <fieldset className="field field-wide">
          <legend>Size (employees)</legend>
          <div className="inline-choices wrap">
            {SIZE_BUCKETS.map((bucket) => (
              <label key={bucket} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.sizes.includes(bucket)}
                  onChange={(event) => set({ sizes: event.target.checked ? [...form.sizes, bucket] : form.sizes.filter((size) => size !== bucket) })}
                />
                {bucket}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          Countries
          <input value={form.countries} placeholder="Germany, France" onChange={(event) => set({ countries: event.target.value })} />
        </label>
        <label className="field">
          Leave out countries
          <input value={form.excludeCountries} placeholder="United States" onChange={(event) => set({ excludeCountries: event.target.value })} />
        </label>
        <label className="field">
          Cities
          <input value={form.cities} placeholder="Berlin, Munich" onChange={(event) => set({ cities: event.target.value })} />
        </label>
        <div className="field">
          <span className="label">Founded</span>
          <span className="inline-choices">
            <input
              aria-label="Founded from"
              inputMode="numeric"
              size={6}
              value={form.foundedFrom}
              placeholder="from"
              onChange={(event) => set({ foundedFrom: event.target.value })}
            />
            <span className="muted">to</span>
            <input
              aria-label="Founded until"
              inputMode="numeric"
              size={6}
              value={form.foundedTo}
              placeholder="until"
              onChange={(event) => set({ foundedTo: event.target.value })}
            />
          </span>
        </div>
        <label className="field field-wide">
          Leave out domains
          <textarea
            rows={2}
            value={form.excludeDomains}
            placeholder="One per line or separated by commas: stripe.com, https://www.acme.com/about"
            onChange={(event) => set({ excludeDomains: event.target.value })}
          />
        </label>
      </div>
    </details>
  );
}
