import { useState, type KeyboardEvent } from 'react';

export interface ListFieldProps {
  id: string;
  label: string;
  values: string[];
  onChange(values: string[]): void;
  placeholder: string;
  /** How to name one entry in messages and button labels ("label", "role"). */
  itemName: string;
}

/**
 * A list of short texts (select labels, people-finder roles): Enter or a comma adds what was
 * typed, pasting several lines adds each, × removes one. Duplicates (ignoring case) are refused
 * here because the server refuses them too.
 */
export function ListField({ id, label, values, onChange, placeholder, itemName }: ListFieldProps) {
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const add = (entries: string[]) => {
    const next = [...values];
    const seen = new Set(values.map((value) => value.toLowerCase()));
    for (const entry of entries.map((item) => item.trim()).filter((item) => item !== '')) {
      if (seen.has(entry.toLowerCase())) {
        setNotice(`“${entry}” is already a ${itemName}.`);
        continue;
      }
      seen.add(entry.toLowerCase());
      next.push(entry);
    }
    onChange(next);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add([text]);
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="list-field">
      <label htmlFor={id}>{label}</label>
      <div className="list-field-box">
        {values.map((value) => (
          <span key={value} className="chip chip-removable">
            {value}
            <button type="button" aria-label={`Remove ${itemName} ${value}`} onClick={() => onChange(values.filter((item) => item !== value))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          value={text}
          placeholder={values.length === 0 ? placeholder : `Add a ${itemName}`}
          onChange={(event) => {
            setText(event.target.value);
            setNotice(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => text.trim() !== '' && add([text])}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text');
            if (!/[\n,]/.test(pasted)) return;
            event.preventDefault();
            add(pasted.split(/[\n,]/));
          }}
        />
      </div>
      {notice && <p className="hint">{notice}</p>}
    </div>
  );
}
