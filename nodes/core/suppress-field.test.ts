import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import { applySuppression, suppressValue } from './suppress-field';

const record = (data: Record<string, unknown>): FlowRecord => ({
  key: 'k1',
  data,
  meta: { source: { node: 'items', system: 'quickbooks-desktop', entity: 'Item' } },
});
const target = { system: 'Creatio', entity: 'Product' };

describe('"Skip records whose field is set"', () => {
  it('reads a custom field by name from QuickBooks Desktop data extensions and Online custom fields', () => {
    const desktop = {
      DataExtRet: [
        { DataExtName: 'ItemCode', DataExtValue: 'W-1' },
        { DataExtName: 'NoSync', DataExtValue: 'Yes' },
      ],
    };
    expect(suppressValue(desktop, 'DataExt.NoSync')).toBe('Yes');
    expect(suppressValue({ DataExtRet: { DataExtName: 'NoSync', DataExtValue: 'X' } }, 'DataExt.nosync')).toBe('X');
    expect(suppressValue({ CustomField: [{ Name: 'Hold', StringValue: 'true' }] }, 'CustomField.Hold')).toBe('true');
    expect(suppressValue({ Memo: 'hold' }, 'Memo')).toBe('hold');
  });

  it('skips a record whose field holds a value, naming the field and how to bring it back', () => {
    const c = { suppressField: 'DataExt.NoSync' };
    const skipped = applySuppression(
      c,
      record({ DataExtRet: [{ DataExtName: 'NoSync', DataExtValue: 'Yes' }] }),
      target,
    );
    expect(skipped).toMatchObject({
      outcome: 'skipped',
      failure: {
        code: 'weft.binding.suppressed',
        message: 'Not synced to Creatio Product: DataExt.NoSync is "Yes" on this record.',
        action: expect.stringContaining('clear DataExt.NoSync in QuickBooks'),
      },
    });
  });

  it('lets through records whose field is empty, No, false or 0, and every record when no field is named', () => {
    const c = { suppressField: 'DataExt.NoSync' };
    for (const v of ['', 'No', 'false', '0', undefined])
      expect(
        applySuppression(c, record({ DataExtRet: [{ DataExtName: 'NoSync', DataExtValue: v }] }), target),
      ).toBeNull();
    expect(applySuppression({ suppressField: '' }, record({ NoSync: 'Yes' }), target)).toBeNull();
  });
});
