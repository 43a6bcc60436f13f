import type { Column, ColumnConfig } from '../api/api-types.ts';
import { isYearName } from './json-fields.ts';

/**
 * How a column's answers look. Agent columns say it in `output_format`; the other kinds have one
 * fixed shape each (contract §3). `profile` and `people` are the built-in company profile and
 * people-finder answers.
 */
export type AnswerFormat =
  | 'text'
  | 'url'
  | 'email'
  | 'phone'
  | 'select'
  | 'multiselect'
  | 'numeric'
  | 'year'
  | 'money'
  | 'date'
  | 'grade'
  | 'json'
  | 'people'
  | 'profile';

export function answerFormatOf(config: ColumnConfig): AnswerFormat {
  switch (config.kind) {
    case 'agent': {
      const format = config.value.output_format;
      // A number column named for a year ("Founded year") shows 2016, not "2,016".
      if ((format === 'number' || format === 'numeric') && (isYearName(config.name) || isYearName(config.key))) return 'year';
      if (format === 'number') return 'numeric';
      if (format === 'label') return 'select';
      return format;
    }
    case 'criterion_grade':
      return 'grade';
    case 'company_website':
      return 'url';
    case 'company_profile':
      return 'profile';
    case 'company_people_finder':
      return 'people';
    case 'email_finder':
      return 'email';
    case 'phone_finder':
      return 'phone';
    case 'criteria_grade_score':
      return 'numeric';
    case 'reverse_email_lookup':
    case 'discovery_scores':
      return 'json';
    case 'input':
    case 'company_name':
      return 'text';
  }
}

export function isInputColumn(column: Column): boolean {
  return column.config.kind === 'input';
}

const KIND_NAMES: Record<ColumnConfig['kind'], string> = {
  input: 'input',
  agent: 'agent',
  criterion_grade: 'criterion grade',
  company_people_finder: 'people finder',
  discovery_scores: 'discovery scores',
  company_name: 'built-in',
  company_website: 'built-in',
  company_profile: 'built-in',
  email_finder: 'email finder',
  phone_finder: 'phone finder',
  reverse_email_lookup: 'reverse email lookup',
  criteria_grade_score: 'weighted score',
};

/** The header's second line: kind, agent type and output format, e.g. "agent · llm · select". */
export function describeColumn(config: ColumnConfig): string[] {
  if (config.kind === 'agent') return ['agent', config.value.agent_type, config.value.output_format];
  if (config.kind === 'input') return ['input'];
  const format = answerFormatOf(config);
  return [KIND_NAMES[config.kind], format === 'profile' ? 'profile' : format];
}

/** Default widths in pixels: wide enough for a typical answer of the format at 1280 px. */
export function columnWidth(config: ColumnConfig): number {
  switch (answerFormatOf(config)) {
    case 'grade':
    case 'numeric':
    case 'year':
    case 'date':
      return 150;
    case 'select':
    case 'money':
    case 'phone':
      return 180;
    case 'json':
    case 'people':
    case 'profile':
    case 'multiselect':
      return 260;
    default:
      return 220;
  }
}

/** The column pinned at the left: the table's `input` column, else its first input column. */
export function frozenColumnOf(columns: Column[]): Column | undefined {
  return columns.find((column) => column.config.key === 'input' && isInputColumn(column)) ?? columns.find(isInputColumn);
}
