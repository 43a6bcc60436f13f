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
 * parent company row (contract §3.6). A missing name or website fails the cell with a message
 * naming each missing input and where it was looked for. The profile URL is read when present
 * but not required of a row: addresses and numbers are found from the name and the company's
 * domain, and people found only on a team page have no profile to give (the column itself must
 * exist, which `person-lookup-columns.ts` checks when the column is added).
 */
export function personRowInputs(context: CellContext): PersonRowInputs {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' && !isNotFoundAnswer(value) ? value.trim() : null);
  const fullName = text(context.inputs['full_name']);
  const profileUrl = text(context.inputs['profile_url']);
  const website = text(context.inputs['company_website']) ?? text(context.parentInputs?.['company_website']);
  const missing: string[] = [];
  if (!fullName) missing.push("'full_name' is empty in this row");
  if (!website) missing.push(`'company_website' is empty in ${websiteLookedUpIn(context)}`);
  if (missing.length > 0) {
    throw new PermanentCellError(
      `${context.column.config.kind} needs the person's full_name and company_website: ${missing.join('; ')}. Fill ${missing.length === 1 ? 'it' : 'them'} (company_website can be an input column of this table) and run the cell again.`,
    );
  }
  const identifier = parseCompanyIdentifier(website!);
  if (identifier?.kind !== 'site' || !identifier.domain) {
    throw new PermanentCellError(`company_website '${website}' is not a website; give the company's domain, e.g. acme.com`);
  }
  return { fullName: fullName!, profileUrl, companyUrl: identifier.url, companyDomain: identifier.domain };
}

/** Where a missing company website was looked for, for the failure message. */
function websiteLookedUpIn(context: CellContext): string {
  if (context.parentInputs) return 'this row and in its parent company row';
  if (context.row.parentRowId) return 'this row, and its parent company row could not be read';
  return 'this row (it has no parent company row)';
}
