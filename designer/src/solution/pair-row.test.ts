// "Bi-directional" on Configure solution names what the gallery card does: two templates that make a
// pair (manifest `pair`), as the options list them; two flows that merely go opposite ways are said so.
import { expect, test } from 'vitest';
import { pairedBothWays, unavailable, type Pair } from './pair-row';

const ONLINE = 'QuickBooks Online';
const DESKTOP = 'QuickBooks Desktop';
const t = (id: string, system: string, way: 'c2q' | 'q2c', pair: string | null) => ({
  id,
  title: id,
  system,
  way,
  pair,
});
const row = (templates: Pair['templates']): Pair => ({
  id: 'accounts-vendors',
  label: 'Vendors',
  nameRules: true,
  rank: 0,
  templates,
});

test('supplier accounts ↔ vendors are a bi-directional pair on each system that has both halves', () => {
  const vendors = row([
    t('creatio-accounts-to-qbo-vendors', ONLINE, 'c2q', 'qbo-vendors-to-creatio-accounts'),
    t('qbo-vendors-to-creatio-accounts', ONLINE, 'q2c', 'creatio-accounts-to-qbo-vendors'),
    t('creatio-accounts-to-qbd-vendors', DESKTOP, 'c2q', 'qbd-vendors-to-creatio-accounts'),
    t('qbd-vendors-to-creatio-accounts', DESKTOP, 'q2c', 'creatio-accounts-to-qbd-vendors'),
  ]);
  expect(unavailable(vendors, 'both', [ONLINE, DESKTOP])).toBeNull();
  expect(pairedBothWays(vendors, [ONLINE])).toBe(true);
  expect(pairedBothWays(vendors, [ONLINE, DESKTOP])).toBe(true);
});

test('two templates going opposite ways without naming each other are not called bi-directional', () => {
  const invoices = row([
    t('creatio-opportunities-to-qbo-invoices', ONLINE, 'c2q', null),
    t('qbo-invoices-to-creatio-opportunities', ONLINE, 'q2c', null),
    t('creatio-accounts-to-qbd-vendors', DESKTOP, 'c2q', 'qbd-vendors-to-creatio-accounts'),
    t('qbd-vendors-to-creatio-accounts', DESKTOP, 'q2c', 'creatio-accounts-to-qbd-vendors'),
  ]);
  expect(unavailable(invoices, 'both', [ONLINE])).toBeNull();
  expect(pairedBothWays(invoices, [ONLINE])).toBe(false);
  // With both companies chosen, Online's two flows are still not a pair.
  expect(pairedBothWays(invoices, [ONLINE, DESKTOP])).toBe(false);
  expect(pairedBothWays(invoices, [DESKTOP])).toBe(true);
});
