import { describe, expect, it } from 'vitest';
import { htmlToPlainText, truncateText } from './html-text.ts';

describe('htmlToPlainText', () => {
  it('removes inline tags without adding spaces and block tags with one', () => {
    expect(htmlToPlainText("<strong>Acme</strong>'s <em>rockets</em>")).toBe("Acme's rockets");
    expect(htmlToPlainText('<p>First</p><p>Second</p><br/>Third')).toBe('First Second Third');
  });

  it('drops script and style blocks and comments entirely', () => {
    expect(htmlToPlainText('a<script>alert(1)</script>b<style>p{}</style>c<!-- note -->d')).toBe('a b c d');
  });

  it('decodes named and numeric entities after removing tags, so escaped markup stays literal', () => {
    expect(htmlToPlainText('R&amp;D &lt;b&gt; &#39;quoted&#x27; &nbsp;x &unknown;')).toBe("R&D <b> 'quoted' x &unknown;");
  });

  it('keeps prose comparisons that only look like brackets', () => {
    expect(htmlToPlainText('revenue < 5M and > 1M')).toBe('revenue < 5M and > 1M');
  });

  it('collapses whitespace and trims', () => {
    expect(htmlToPlainText('  one \n\t two  ')).toBe('one two');
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('short', 10)).toBe('short');
  });

  it('drops U+0000, which a JSON answer can hold and stored text cannot', () => {
    expect(htmlToPlainText('Acme\u0000 <b>Robo\u0000tics</b>')).toBe('Acme Robotics');
  });

  it('cuts at a word boundary and marks the cut', () => {
    const result = truncateText('alpha beta gamma delta', 15);
    expect(result).toBe('alpha beta…');
    expect(result.length).toBeLessThanOrEqual(15);
  });

  it('cuts mid-word when there is no space near the end', () => {
    expect(truncateText('abcdefghijklmnop', 8)).toBe('abcdefg…');
  });
});
