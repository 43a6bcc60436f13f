import { isNotFoundAnswer } from '../../../src/domain/output-formats/not-found.ts';
import {
  answerAsText,
  formatDate,
  formatMoney,
  formatNumber,
  formatYear,
  isMoneyValue,
  isPeopleList,
  isSafeLink,
  jsonPreview,
  profileName,
  shortUrl,
} from './answer-formatting.ts';
import type { AnswerFormat } from './column-display.ts';
import { fieldLabel, fieldsOnOneLine, formatFieldValue, isPlainObject } from './json-fields.ts';

export interface AnswerViewProps {
  answer: unknown;
  format: AnswerFormat;
  /** Compact: one line for a grid cell. Full: everything, for the cell panel. */
  layout: 'compact' | 'full';
}

// Eight chip colours, picked by the label's text so a label keeps its colour in every row.
function chipTone(label: string): number {
  let hash = 0;
  for (const character of label) hash = (hash * 31 + character.charCodeAt(0)) | 0;
  return Math.abs(hash) % 8;
}

function Chip({ label }: { label: string }) {
  return <span className={`chip chip-tone-${chipTone(label)}`}>{label}</span>;
}

function Link({ url, layout }: { url: string; layout: AnswerViewProps['layout'] }) {
  if (!isSafeLink(url)) return <span>{url}</span>;
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" title={url} onClick={(event) => event.stopPropagation()}>
      {layout === 'compact' ? shortUrl(url) : url}
    </a>
  );
}

/** A typed answer: chips, money, dates, links, grade badges, collapsed JSON; "Not found" as such. */
export function AnswerView({ answer, format, layout }: AnswerViewProps) {
  if (answer === null || answer === undefined || isNotFoundAnswer(answer)) {
    return <span className="answer-not-found">Not found</span>;
  }
  switch (format) {
    case 'select':
      if (typeof answer === 'string') return <Chip label={answer} />;
      break;
    case 'multiselect':
      if (Array.isArray(answer) && answer.every((item) => typeof item === 'string')) {
        return answer.length === 0 ? (
          <span className="answer-not-found">None</span>
        ) : (
          <span className="chips">
            {answer.map((label) => (
              <Chip key={label} label={label} />
            ))}
          </span>
        );
      }
      break;
    case 'money':
      if (isMoneyValue(answer)) {
        return (
          <span className="answer-number" title={formatMoney(answer, 'full')}>
            {formatMoney(answer, layout)}
            {layout === 'full' && answer.as_of ? <span className="muted"> (as of {formatDate(answer.as_of)})</span> : null}
          </span>
        );
      }
      break;
    case 'date':
      if (typeof answer === 'string' || typeof answer === 'number') return <span title={String(answer)}>{formatDate(String(answer))}</span>;
      break;
    case 'numeric':
      if (typeof answer === 'number') return <span className="answer-number">{formatNumber(answer)}</span>;
      break;
    case 'year':
      if (typeof answer === 'number') return <span className="answer-number">{formatYear(answer)}</span>;
      break;
    case 'grade':
      if (typeof answer === 'number' && Number.isInteger(answer) && answer >= 1 && answer <= 5) {
        return (
          <span className={`grade grade-${answer}`} title={`Grade ${answer} of 5`} aria-label={`Grade ${answer} of 5`}>
            {answer}
            <span className="grade-scale">/5</span>
          </span>
        );
      }
      break;
    case 'url':
      if (typeof answer === 'string') return <Link url={answer} layout={layout} />;
      break;
    case 'email':
      if (typeof answer === 'string')
        return (
          <a href={`mailto:${answer}`} onClick={(event) => event.stopPropagation()}>
            {answer}
          </a>
        );
      break;
    case 'phone':
      if (typeof answer === 'string')
        return (
          <a href={`tel:${answer}`} onClick={(event) => event.stopPropagation()}>
            {answer}
          </a>
        );
      break;
    case 'people':
      if (isPeopleList(answer)) {
        if (layout === 'compact') {
          return (
            <span>
              {answer.length} {answer.length === 1 ? 'person' : 'people'}: {answer.map((person) => person.full_name).join(', ')}
            </span>
          );
        }
        return (
          <ul className="people-list">
            {answer.map((person, index) => (
              <li key={index}>
                <strong>{person.full_name}</strong>
                {person.role ? `, ${person.role}` : ''}
                {person.profile_url ? (
                  <>
                    {' '}
                    · <Link url={person.profile_url} layout="compact" />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        );
      }
      break;
    case 'profile':
    case 'json':
    case 'text':
      break;
  }
  return <GenericAnswer answer={answer} layout={layout} format={format} />;
}

/**
 * Text as text; an object (a json column's answer, a company profile) as its fields: one line in
 * the grid, a list of fields in the panel with the raw JSON folded beneath; anything else as JSON.
 */
function GenericAnswer({ answer, layout, format }: AnswerViewProps) {
  if (typeof answer === 'string' || typeof answer === 'number' || typeof answer === 'boolean') {
    return <span className={layout === 'full' ? 'answer-text-full' : undefined}>{String(answer)}</span>;
  }
  if (layout === 'compact') {
    const name = format === 'profile' ? profileName(answer) : null;
    const text = name ?? (isPlainObject(answer) ? fieldsOnOneLine(answer) : jsonPreview(answer));
    return (
      <span className="answer-json" title={isPlainObject(answer) ? fieldsOnOneLine(answer).slice(0, 600) : jsonPreview(answer, 600)}>
        {text}
      </span>
    );
  }
  if (!isPlainObject(answer)) {
    return (
      <details className="answer-json-full" open>
        <summary>{answerAsText(answer).slice(0, 80)}</summary>
        <pre>{JSON.stringify(answer, null, 2)}</pre>
      </details>
    );
  }
  return (
    <div className="answer-fields-full">
      {format === 'profile' && <p className="answer-fields-title">{profileName(answer) ?? 'Profile'}</p>}
      <FieldList record={answer} />
      <details className="answer-json-full">
        <summary>Raw JSON</summary>
        <pre>{JSON.stringify(answer, null, 2)}</pre>
      </details>
    </div>
  );
}

/** An object's fields, labelled and formatted; nested objects as nested lists. */
function FieldList({ record }: { record: Record<string, unknown> }) {
  return (
    <dl className="answer-fields" data-testid="answer-fields">
      {Object.entries(record).map(([name, value]) => (
        <div key={name} className="answer-field">
          <dt>{fieldLabel(name)}</dt>
          <dd>{isPlainObject(value) && !isMoneyValue(value) ? <FieldList record={value} /> : formatFieldValue(name, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
