/** A company's own site, when the row has one. */
export interface CompanySite {
  /** Where to start reading: the home page after redirects. */
  url: string;
  domain: string | null;
  name: string | null;
}
