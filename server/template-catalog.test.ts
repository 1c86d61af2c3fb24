// The shipped catalogue says which templates make a bi-directional pair (both halves,
// whichever the manifest names it on) and which utility runs each template offers.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../nodes';
import { loadTemplates } from './templates';

const catalog = loadTemplates(fileURLToPath(new URL('../templates', import.meta.url)), registry);
const info = (id: string) => catalog.list().find((t) => t.id === id)!;

describe('the shipped template catalogue', () => {
  it('marks both halves of each bi-directional pair, each running the other way', () => {
    const pairs = [
      ['creatio-accounts-to-qbo-customers', 'qbo-customers-to-creatio-accounts'],
      ['creatio-accounts-to-qbd-customers', 'qbd-customers-to-creatio-accounts'],
      ['creatio-products-to-qbo-items', 'qbo-items-to-creatio-products'],
      ['creatio-products-to-qbd-items', 'qbd-items-to-creatio-products'],
      ['creatio-accounts-to-qbo-vendors', 'qbo-vendors-to-creatio-accounts'],
      ['creatio-accounts-to-qbd-vendors', 'qbd-vendors-to-creatio-accounts'],
      ['creatio-person-accounts-to-qbo-customers', 'qbo-customers-to-creatio-person-accounts'],
      ['creatio-person-accounts-to-qbd-customers', 'qbd-customers-to-creatio-person-accounts'],
      ['creatio-opportunities-to-qbo-invoices', 'qbo-invoices-to-creatio-opportunities'],
      ['creatio-opportunities-to-qbd-invoices', 'qbd-invoices-to-creatio-opportunities'],
      ...['estimates', 'sales-receipts', 'purchase-orders', 'bills', 'checks'].map((form) => [
        `creatio-opportunities-to-qbo-${form}`,
        `qbo-${form}-to-creatio-opportunities`,
      ]),
      ['creatio-contacts-to-qbo-customers', 'qbo-sub-customers-to-creatio-contacts'],
      ['creatio-contacts-to-qbd-customers', 'qbd-sub-customers-to-creatio-contacts'],
      ['creatio-opportunities-to-qbo-jobs', 'qbo-jobs-to-creatio-opportunities'],
      ['creatio-opportunities-to-qbd-jobs', 'qbd-jobs-to-creatio-opportunities'],
      // The other QuickBooks Desktop transactions (pair-qbd-<form>.test.ts).
      ...['estimates', 'sales-receipts', 'sales-orders', 'purchase-orders', 'bills', 'checks'].map((x) => [
        `creatio-opportunities-to-qbd-${x}`,
        `qbd-${x}-to-creatio-opportunities`,
      ]),
    ];
    for (const [a, b] of pairs) {
      expect(info(a).pair).toBe(b);
      expect(info(b).pair).toBe(a);
      expect(info(a).direction.split(' → ').reverse().join(' → ')).toBe(info(b).direction);
    }
    // A template not shown free of echoes with one going the other way (templates/pair-*.test.ts) is no pair: the
    // sales forms by type go to estimates, sales receipts and invoices, whose flows back pair with their own templates.
    expect(info('creatio-opportunities-to-qbo-sales-forms-by-type').pair).toBeUndefined();
  });

  it('offers a date-range load and a single run on every template, and binding where a node binds', () => {
    for (const t of catalog.list()) expect(t.utilities).toEqual(expect.arrayContaining(['bulk-load', 'single']));
    expect(info('qbd-items-to-creatio-products').utilities).toEqual(['binding', 'bulk-load', 'single']);
  });
});
