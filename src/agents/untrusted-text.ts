/**
 * Text from outside the column's author (table inputs, dependency answers, web pages) goes into
 * prompts between delimiters such as <row_data> and <evidence>. Angle brackets in it are swapped
 * for look-alikes, so it can never close its block, open another one, or talk outside it.
 * Quote checking maps them back.
 */
export function neutraliseMarkup(text: string): string {
  return text.replaceAll('<', '‹').replaceAll('>', '›');
}
