import { parseCompanyIdentifier } from '../../domain/company-identifier.ts';
import { isNotFoundAnswer } from '../../domain/output-formats/index.ts';
import { PermanentCellError, type CellContext } from '../../engine/cell-executor.ts';

/** What the email and phone finders know about the person of a row (contract §3.6). */
export interface PersonRowInputs {
  fullName: string;
  profileUrl: string | null;
  /** The company's home page URL and registrable domain. */
  companyUrl: string;
  companyDomain: string;
}

/**
 * The person's name and profile URL from the row, and the company website from the row or its
 * parent company row. A missing name or website fails the cell with a message naming it.
 */
export function personRowInputs(context: CellContext): PersonRowInputs {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' && !isNotFoundAnswer(value) ? value.trim() : null);
  const fullName = text(context.inputs['full_name']);
  const profileUrl = text(context.inputs['profile_url']);
  const website = text(context.inputs['company_website']) ?? text(context.parentInputs?.['company_website']);
  const missing = [fullName ? null : 'full_name', website ? null : 'company_website'].filter((key): key is string => key !== null);
  if (missing.length > 0) {
    const where = context.parentInputs ? 'this row or its parent company row' : 'this row';
    throw new PermanentCellError(`${context.column.config.kind} needs ${missing.map((key) => `'${key}'`).join(' and ')}; ${where} has no value for it`);
  }
  const identifier = parseCompanyIdentifier(website!);
  if (identifier?.kind !== 'site' || !identifier.domain) {
    throw new PermanentCellError(`company_website '${website}' is not a website; give the company's domain, e.g. acme.com`);
  }
  return { fullName: fullName!, profileUrl, companyUrl: identifier.url, companyDomain: identifier.domain };
}
