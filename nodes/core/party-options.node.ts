// Customer options of seed §5.2, as one step before a customer, vendor or job mapping: which contact is the
// account's primary contact (primary-contact.ts), where the billing and shipping addresses come from
// (address-source.ts) and how deep Creatio's account hierarchy goes into QuickBooks' Customer:Job levels
// (hierarchy-levels.ts). Each option writes plain fields on the record for the mapping (PrimaryContactRecord,
// BillingAddress, ShippingAddress, ParentAccountId, HierarchyLevel); a record whose option cannot be applied
// (no primary contact when one is required, a hierarchy not expanded deep enough) fails alone, named.
import { z } from 'zod';
import { defineNode, type RecordResult } from '../define-node';
import { recordLabel, writePathCopying } from './field-path';
import { ADDRESS_UI, AddressOption, addressFrom } from './address-source';
import { HIERARCHY_UI, HierarchyOption, hierarchyParent } from './hierarchy-levels';
import { PRIMARY_CONTACT_UI, PrimaryContactOption, noPrimaryContactReason, primaryContact } from './primary-contact';

const config = z.strictObject({
  ...PrimaryContactOption.shape,
  /** A record without a primary contact: pass it on without one, or fail it. */
  whenNoPrimary: z.enum(['leave-empty', 'fail']).default('leave-empty'),
  ...AddressOption.shape,
  ...HierarchyOption.shape,
});
type Config = z.infer<typeof config>;

export const partyOptionsNode = defineNode({
  type: 'core.party-options',
  version: 1,
  title: 'Contact, address and hierarchy options',
  // Beside the other look-ups (linked record, items): it reads the record's contacts and parents, it maps nothing.
  category: 'binding',
  description:
    "Picks the account's primary contact, the billing and shipping addresses and the customer's parent in QuickBooks.",
  inputs: [{ name: 'in', label: 'Accounts or opportunities' }],
  outputs: [{ name: 'out', label: 'With the options applied', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    primaryContact: 'account-lookup',
    whenNoPrimary: 'leave-empty',
    billingAddress: 'account',
    shippingAddress: 'primary-contact',
    hierarchyLevels: 0,
  },
  ui: {
    icon: '☷',
    color: '#7c3aed',
    fields: {
      ...PRIMARY_CONTACT_UI,
      whenNoPrimary: {
        label: 'No primary contact',
        widget: 'select',
        options: [
          { value: 'leave-empty', label: 'Go on without one' },
          { value: 'fail', label: 'Fail the record (it is reprocessed once a contact qualifies)' },
        ],
      },
      ...ADDRESS_UI,
      ...HIERARCHY_UI,
    },
    summary: (c: Config) =>
      [
        c.primaryContact === 'none' ? '' : `primary contact ${c.primaryContact.replace('-', ' ')}`,
        c.billingAddress === 'none' ? '' : `billing from ${c.billingAddress.replace('-', ' ')}`,
        c.shippingAddress === 'none' ? '' : `shipping from ${c.shippingAddress.replace('-', ' ')}`,
        c.hierarchyLevels ? `${c.hierarchyLevels} levels of sub-customers` : '',
      ]
        .filter(Boolean)
        .join(', ') || 'no options',
  },
  // Written only when an option applies; a mapping reading them is not reading a field the source lacks.
  adds: (c) => [c.primaryContactInto, 'BillingAddress', 'ShippingAddress', c.hierarchyInto, 'HierarchyLevel'],
  process: async (_ctx, c, _state, batch) =>
    batch.map((r): RecordResult => {
      // A shallow copy: the options add top-level fields or write along a path copied as it goes.
      const data = { ...r.data };
      const fail = (field: string, message: string, action: string): RecordResult => ({
        record: r,
        outcome: 'failed',
        failure: { code: 'weft.options', field, message: `${recordLabel(r)}: ${message}`, action },
      });
      const primary = primaryContact(c, data);
      if (primary) writePathCopying(data, c.primaryContactInto, primary);
      else if (c.primaryContact !== 'none' && c.whenNoPrimary === 'fail')
        return fail(
          c.primaryContactInto,
          `no primary contact: ${noPrimaryContactReason(c)}.`,
          'Mark one contact of the account as its primary contact in Creatio, then reprocess this record.',
        );
      const billing = addressFrom(c.billingAddress, c.billingPrefix, c, data, primary);
      const shipping = addressFrom(c.shippingAddress, c.shippingPrefix, c, data, primary);
      if (billing) data.BillingAddress = billing;
      if (shipping) data.ShippingAddress = shipping;
      if (c.hierarchyLevels > 0) {
        const h = hierarchyParent(c, data);
        if ('missing' in h)
          return fail(
            c.hierarchyParent,
            `Weft cannot tell how deep this account sits: it does not know ${h.missing}.`,
            `Expand ${c.hierarchyParent} on the source at least ${c.hierarchyLevels + 1} levels deep (with Id, Name and ParentId), then reprocess.`,
          );
        writePathCopying(data, c.hierarchyInto, h.parentId);
        data.HierarchyLevel = h.level;
      }
      return { record: { ...r, data }, outcome: 'passed', port: 'out' };
    }),
});
