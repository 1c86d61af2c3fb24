// One example of every request type Weft builds, for the golden files in golden/.
import type { QbdRequest } from './qbxml-request';

export const GOLDEN_REQUESTS: Record<string, QbdRequest> = {
  'host-query': { type: 'HostQuery' },
  'customer-query-by-name': { type: 'CustomerQuery', fullNames: ['Smith & Sons', 'Café Déjà Vu Crème'], ownerId: '0' },
  'customer-query-iterator': { type: 'CustomerQuery', iterator: { iterator: 'Start' }, maxReturned: 100, activeStatus: 'All', fromModifiedDate: '2026-01-05T09:00:00-05:00', nameFilter: { matchCriterion: 'StartsWith', name: 'Acme' }, includeRetElements: ['ListID', 'EditSequence'], ownerId: '0' },
  // Fields deliberately out of schema order: the builder must put them right.
  'customer-add': { type: 'CustomerAdd', fields: { Notes: 'Key account — pays by wire; <tags> & "quotes"', Phone: '+1 555 0100', BillAddress: { PostalCode: '78701', City: 'Montréal', Addr1: '1 Main St' }, CompanyName: "O'Brien's Pub & Grill", Name: "O'Brien's Pub & Grill", Email: 'ap@acme.test' } },
  'customer-mod': { type: 'CustomerMod', listId: '80000001-1767621600', editSequence: '1767621600', fields: { Phone: '+1 555 7777', Name: 'Less <Than> Greater Ltd' } },
  'invoice-query-modified': { type: 'InvoiceQuery', iterator: { iterator: 'Continue', iteratorID: '{0A1B2C3D-0000-4000-8000-000000000001}' }, maxReturned: 50, fromModifiedDate: '2026-01-05T09:00:00-05:00', includeLineItems: true, ownerId: '0' },
  'invoice-query-by-ref': { type: 'InvoiceQuery', refNumbers: ['1001', '1002'], includeLineItems: false },
  'data-ext-def-add': { type: 'DataExtDefAdd', ownerId: '0', name: 'AccountID', dataExtType: 'STR255TYPE', assignToObject: ['Customer'] },
  'data-ext-add': { type: 'DataExtAdd', ownerId: '0', name: 'AccountID', listDataExtType: 'Customer', listObj: { ListID: '80000001-1767621600' }, value: 'c0ffee00-0000-4000-8000-000000000001' },
  'data-ext-mod': { type: 'DataExtMod', ownerId: '0', name: 'AccountID', listDataExtType: 'Customer', listObj: { FullName: 'Ærøskøbing Shipping ÅØ' }, value: 'Ærø' },
};
