import { describe, expect, it } from 'vitest';
import { capText, collapseWhitespace, htmlElementToText, normaliseWhitespace } from './html-to-text.ts';
import { parseHtmlDocument } from './parse-html-document.ts';

describe('htmlElementToText', () => {
  it('keeps block structure, list items and table rows, and joins inline text', () => {
    const document = parseHtmlDocument(`<html><body>
      <h2>Plans</h2><p>Pick   one of
      our <b>three</b> plans.<br>Cancel anytime.</p>
      <ul><li>Starter</li><li>Team</li></ul>
      <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Team</td><td>$20</td></tr></table>
      <pre>line one
  line two</pre></body></html>`);
    expect(htmlElementToText(document.body)).toBe(
      'Plans\n\nPick one of our three plans.\nCancel anytime.\n\n- Starter\n- Team\n\nPlan | Price\nTeam | $20\n\nline one\nline two',
    );
  });
});

describe('normaliseWhitespace and collapseWhitespace', () => {
  it('keep at most one blank line, or none at all', () => {
    expect(normaliseWhitespace(' a \u00a0 b \r\n\r\n\r\n\n c\u200b ')).toBe('a b\n\nc');
    expect(collapseWhitespace(' a \n\t b ')).toBe('a b');
  });
});

describe('capText', () => {
  it('cuts at a nearby word boundary and reports the cut', () => {
    expect(capText('alpha beta gamma delta', 100)).toEqual({ text: 'alpha beta gamma delta', isTruncated: false });
    expect(capText(`${'a'.repeat(95)} bcdefghij`, 100)).toEqual({ text: 'a'.repeat(95), isTruncated: true });
    expect(capText('x'.repeat(50), 10)).toEqual({ text: 'x'.repeat(10), isTruncated: true });
  });
});
