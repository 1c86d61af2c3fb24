// Which seed §5.1 pair each shipped template serves, and which flows must run before it: what
// Configure solution offers and what a gallery card says to run first.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../../nodes';
import { loadTemplates } from '../templates';
import { arePartners, OBJECT_PAIRS, pairOf, requiredPairs, templatesForWays } from './object-pairs';

const catalog = loadTemplates(fileURLToPath(new URL('../../templates', import.meta.url)), registry);
const facts = (id: string) => catalog.list().find((t) => t.id === id)!;
const pairIdOf = (id: string) => pairOf(facts(id))?.pair.id;
const firstOf = (id: string) => requiredPairs(facts(id)).map((p) => p.id);

describe('object pairs of the shipped templates', () => {
  it('offers QuickBooks Online checks (a Purchase of type Check) and jobs in both directions', () => {
    expect(pairIdOf('creatio-opportunities-to-qbo-checks')).toBe('opportunities-checks');
    expect(pairIdOf('qbo-checks-to-creatio-opportunities')).toBe('opportunities-checks');
    expect(pairIdOf('creatio-opportunities-to-qbo-jobs')).toBe('opportunities-jobs');
    expect(pairIdOf('qbd-jobs-to-creatio-opportunities')).toBe('opportunities-jobs');
  });

  it('has purchase orders, bills and checks wait for the suppliers flow, invoices for the accounts flow', () => {
    for (const id of ['creatio-opportunities-to-qbo-purchase-orders', 'creatio-opportunities-to-qbo-bills'])
      expect(firstOf(id)).toEqual(['accounts-vendors']);
    expect(firstOf('creatio-opportunities-to-qbd-checks')).toEqual(['accounts-vendors', 'products-items']);
    expect(firstOf('creatio-opportunities-to-qbo-invoices')).toEqual(['accounts-customers']);
  });

  it('offers opportunities ↔ invoices both ways, the way back after the items flow, for its product lines', () => {
    for (const system of ['qbo', 'qbd']) {
      expect(pairIdOf(`creatio-opportunities-to-${system}-invoices`)).toBe('opportunities-invoices');
      expect(pairOf(facts(`${system}-invoices-to-creatio-opportunities`))).toMatchObject({
        pair: { id: 'opportunities-invoices' },
        way: 'q2c',
      });
      expect(firstOf(`${system}-invoices-to-creatio-opportunities`)).toEqual(['accounts-customers', 'products-items']);
    }
  });

  it('offers the other Online transactions both ways as a pair, the way back after the items flow', () => {
    const forms = [
      ['estimates', 'accounts-customers'],
      ['sales-receipts', 'accounts-customers'],
      ['purchase-orders', 'accounts-vendors'],
      ['bills', 'accounts-vendors'],
      ['checks', 'accounts-vendors'],
    ];
    for (const [form, party] of forms) {
      const pair = OBJECT_PAIRS.find((p) => p.id === `opportunities-${form}`)!;
      expect(templatesForWays(pair, catalog.list(), 'QuickBooks Online', ['c2q', 'q2c'], {})).toEqual({
        c2q: expect.objectContaining({
          id: `creatio-opportunities-to-qbo-${form}`,
          pair: `qbo-${form}-to-creatio-opportunities`,
        }),
        q2c: expect.objectContaining({ id: `qbo-${form}-to-creatio-opportunities` }),
      });
      expect(firstOf(`qbo-${form}-to-creatio-opportunities`)).toEqual([party, 'products-items']);
    }
  });

  it('offers each QuickBooks Desktop transaction as the two flows of a bi-directional pair, after the items flow', () => {
    const forms = { estimates: 'customers', 'sales-receipts': 'customers', 'sales-orders': 'customers' };
    for (const x of ['estimates', 'sales-receipts', 'sales-orders', 'purchase-orders', 'bills', 'checks']) {
      const pair = OBJECT_PAIRS.find((p) => p.id === `opportunities-${x}`)!;
      expect(templatesForWays(pair, catalog.list(), 'QuickBooks Desktop', ['c2q', 'q2c'], {})).toEqual({
        c2q: expect.objectContaining({
          id: `creatio-opportunities-to-qbd-${x}`,
          pair: `qbd-${x}-to-creatio-opportunities`,
        }),
        q2c: expect.objectContaining({ id: `qbd-${x}-to-creatio-opportunities` }),
      });
      const names = x in forms ? 'accounts-customers' : 'accounts-vendors';
      expect(firstOf(`qbd-${x}-to-creatio-opportunities`)).toEqual([names, 'products-items']);
    }
  });

  it('keeps person accounts apart from contacts: no accounts flow first for them', () => {
    expect(pairIdOf('creatio-person-accounts-to-qbo-customers')).toBe('person-accounts-customers');
    expect(pairIdOf('qbd-customers-to-creatio-person-accounts')).toBe('person-accounts-customers');
    expect(firstOf('creatio-person-accounts-to-qbd-customers')).toEqual([]);
    expect(pairIdOf('creatio-contacts-to-qbd-customers')).toBe('contacts-customers');
    expect(firstOf('creatio-contacts-to-qbd-customers')).toEqual(['accounts-customers']);
  });

  it('offers every list pair both ways as the two flows that make a bi-directional pair, on Online and Desktop', () => {
    const lists = ['accounts-customers', 'person-accounts-customers', 'accounts-vendors', 'products-items'];
    for (const system of ['QuickBooks Online', 'QuickBooks Desktop'])
      for (const id of lists) {
        const pair = OBJECT_PAIRS.find((p) => p.id === id)!;
        const { c2q, q2c } = templatesForWays(pair, catalog.list(), system, ['c2q', 'q2c'], {});
        expect(arePartners(c2q, q2c), `${id} on ${system}: ${c2q?.id} and ${q2c?.id}`).toBe(true);
      }
    const vendors = OBJECT_PAIRS.find((p) => p.id === 'accounts-vendors')!;
    expect(templatesForWays(vendors, catalog.list(), 'QuickBooks Desktop', ['c2q', 'q2c'], {})).toEqual({
      c2q: expect.objectContaining({ id: 'creatio-accounts-to-qbd-vendors' }),
      q2c: expect.objectContaining({ id: 'qbd-vendors-to-creatio-accounts' }),
    });
  });
});
