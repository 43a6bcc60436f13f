import { useRef, useState, type KeyboardEvent } from 'react';
import { promptReferences } from '../../../src/domain/prompt-references.ts';

export interface ReferenceableColumn {
  key: string;
  name: string;
}

export interface PromptFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  columns: ReferenceableColumn[];
  placeholder?: string;
  /** Keys every column of this table kind receives without referencing them (company_name, …). */
  baselineKeys: string[];
}

const MAX_SUGGESTIONS = 8;

/** The `{partial` being typed right before the caret, if any. */
function openReference(text: string, caret: number): { start: number; partial: string } | null {
  const match = /\{([A-Za-z0-9_]*)$/.exec(text.slice(0, caret));
  return match ? { start: match.index, partial: match[1]! } : null;
}

/**
 * A prompt with `{key}` references: typing `{` offers the table's keys (arrows choose, Enter or
 * Tab inserts), and every reference is listed below, marked when no column has that key.
 */
export function PromptField({ id, label, value, onChange, columns, placeholder, baselineKeys }: PromptFieldProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [highlighted, setHighlighted] = useState(0);
  const [isDismissed, setIsDismissed] = useState(false);
  const known = new Set(columns.map((column) => column.key));

  const reference = openReference(value, caret);
  const partial = reference?.partial.toLowerCase() ?? '';
  const suggestions =
    reference && !isDismissed
      ? columns
          .filter((column) => column.key.toLowerCase().includes(partial) || column.name.toLowerCase().includes(partial))
          .sort((left, right) => Number(!left.key.toLowerCase().startsWith(partial)) - Number(!right.key.toLowerCase().startsWith(partial)))
          .slice(0, MAX_SUGGESTIONS)
      : [];

  const insert = (key: string) => {
    if (!reference) return;
    const before = value.slice(0, reference.start);
    const after = value.slice(caret).replace(/^[A-Za-z0-9_]*\}?/, '');
    const next = `${before}{${key}}${after}`;
    const position = before.length + key.length + 2;
    onChange(next);
    setCaret(position);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlighted((highlighted + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      insert(suggestions[Math.min(highlighted, suggestions.length - 1)]!.key);
    } else if (event.key === 'Escape') {
      // Close the suggestions, not the dialog around the field.
      event.preventDefault();
      event.stopPropagation();
      setIsDismissed(true);
    }
  };

  const references = promptReferences(value);
  const unknown = references.filter((key) => !known.has(key));
  const listId = `${id}-suggestions`;

  return (
    <div className="prompt-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        ref={textarea}
        id={id}
        rows={5}
        value={value}
        placeholder={placeholder}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={unknown.length > 0}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setHighlighted(0);
          setIsDismissed(false);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul className="suggestions" id={listId} role="listbox" aria-label="Column keys">
          {suggestions.map((column, index) => (
            <li
              key={column.key}
              role="option"
              aria-selected={index === highlighted}
              className={index === highlighted ? 'is-highlighted' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                insert(column.key);
              }}
            >
              <code>{`{${column.key}}`}</code> <span className="muted">{column.name}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="references" data-testid="prompt-references">
        {references.length === 0 ? (
          <span className="hint">
            Type {'{'} to reference another column of the row, such as {'{input}'}.
          </span>
        ) : (
          references.map((key) => (
            <span key={key} className={`reference ${known.has(key) ? 'is-known' : 'is-unknown'}`} data-unknown-key={known.has(key) ? undefined : key}>
              {`{${key}}`}
            </span>
          ))
        )}
      </div>
      {unknown.length > 0 && (
        <p className="field-error" role="alert">
          Unknown key{unknown.length > 1 ? 's' : ''} {unknown.map((key) => `{${key}}`).join(', ')}: no column of this table has{' '}
          {unknown.length > 1 ? 'these keys' : 'this key'}. Keys you can use: {[...known].join(', ') || 'none yet'}.
        </p>
      )}
      {baselineKeys.length > 0 && (
        <p className="hint">
          Every column of this table already receives {baselineKeys.map((key) => `{${key}}`).join(' and ')}; you do not have to mention them.
        </p>
      )}
    </div>
  );
}
