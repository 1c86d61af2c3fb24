// The QuickBooks Online fields the mapping editor lists come from the same table the
// sandbox checks requests with (wire/qbo-entity-fields.ts): a length the sandbox enforces
// is the length the editor shows, and fields QuickBooks computes are never offered.
import { describe, expect, it } from 'vitest';
import { QBO_ENTITY_FIELDS } from '../../../wire/qbo-entity-fields';
import { qboFieldCatalogue } from './qbo-fields';

describe('QuickBooks Online field lists', () => {
  it('lists writable fields with Intuit’s lengths, references by value, required ones marked', () => {
    const { fields } = qboFieldCatalogue('Customer');
    expect(fields).toContainEqual({ path: 'DisplayName', type: 'text', maxLength: 500, required: true });
    expect(fields).toContainEqual({ path: 'PrimaryPhone.FreeFormNumber', type: 'text', maxLength: 30 });
    expect(fields).toContainEqual({ path: 'ParentRef.value', type: 'reference' });
    expect(fields).toContainEqual({ path: 'Active', type: 'boolean' });
    const paths = fields.map((f) => f.path);
    for (const computed of ['Id', 'SyncToken', 'Balance', 'FullyQualifiedName']) expect(paths).not.toContain(computed);
  });

  it('gives a sales form its lines and a vendor form its vendor, as required', () => {
    const invoice = qboFieldCatalogue('Invoice').fields;
    expect(invoice).toContainEqual({ path: 'CustomerRef.value', type: 'reference', required: true });
    const line = invoice.find((f) => f.path === 'Line')!;
    expect(line).toMatchObject({ type: 'list', required: true });
    expect(line.children!.map((c) => c.path)).toContain('SalesItemLineDetail.Qty');
    expect(qboFieldCatalogue('Bill').fields).toContainEqual({
      path: 'VendorRef.value',
      type: 'reference',
      required: true,
    });
  });

  it('every length the editor shows is the one the sandbox enforces', () => {
    for (const [entity, facts] of Object.entries(QBO_ENTITY_FIELDS)) {
      for (const field of qboFieldCatalogue(entity).fields) {
        if (field.maxLength === undefined) continue;
        const [name, member] = field.path.split('.');
        const spec = facts[name];
        expect(member ? spec.sub?.[member] : spec.max, `${entity}.${field.path}`).toBe(field.maxLength);
      }
    }
  });
});
