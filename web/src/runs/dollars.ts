/** Dollars as people read them: cents from a dollar up, four decimals below (a cell costs fractions of a cent). */
export function formatDollars(amount: number): string {
  return amount >= 1 ? `$${amount.toFixed(2)}` : `$${amount.toFixed(4)}`;
}
