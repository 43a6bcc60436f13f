import { describe, expect, it } from 'vitest';
import type { Column } from '../sdk/index.ts';
import { resolveColumnReferences } from './column-references.ts';

const column = (id: string, key: string, name: string) => ({ id, created_at: '', config: { kind: 'input', name, key } }) as Column;
const columns = [column('c1', 'input', 'Company'), column('c2', 'segment', 'Segment'), column('c3', 'size', 'Size'), column('c4', 'size_2', 'Size')];

describe('resolveColumnReferences', () => {
  it('takes ids, keys and names (ignoring case), in the order given, once each', () => {
    expect(resolveColumnReferences(columns, ['segment', 'c1', 'COMPANY', 'Segment']).map((found) => found.id)).toEqual(['c2', 'c1']);
  });

  it('reports every unknown entry and every name two columns share, with the columns to choose from', () => {
    expect(() => resolveColumnReferences(columns, ['Revenue', 'size', 'Size', 'nope'])).toThrow(
      '--columns: no column is called "Revenue", "nope"; several columns are called "Size" (keys size, size_2): use the key. ' +
        'Columns of this table (key and name; ids work too): input (Company), segment (Segment), size (Size), size_2 (Size)',
    );
  });
});
