// Seed §5.2 "Primary Contact Selection": which of an account's contacts is its primary contact — by the contact's
// role (default role name "Decision maker", Creatio's Contact.DecisionRole), by a contact-level field (the seed's
// "Level" picklist: Primary, Secondary, Tertiary) or by the account's own lookup (Account.PrimaryContact). One
// definition, read by the customer options node (party-options.node.ts) and any node that needs it.
import { z } from 'zod';
import { asText, fieldPath, readPath } from './field-path';

const path = (example: string) =>
  fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, `a field path such as ${example}`));

export const PrimaryContactOption = z.strictObject({
  primaryContact: z.enum(['none', 'contact-role', 'contact-field', 'account-lookup']).default('none'),
  /** The account's contacts on the record, e.g. ContactCollectionByAccount (or Account.ContactCollectionByAccount). */
  contacts: path('ContactCollectionByAccount').default('ContactCollectionByAccount'),
  /** contact-role: the contact's role, and the role that makes a contact primary. */
  roleField: path('DecisionRole.Name').default('DecisionRole.Name'),
  roleName: z.string().default('Decision maker'),
  /** contact-field: the contact-level field, and its value on the primary contact. */
  levelField: path('UsrLevel.Name').default('UsrLevel.Name'),
  levelValue: z.string().default('Primary'),
  /** account-lookup: the account's primary contact lookup, expanded, e.g. PrimaryContact. */
  lookupField: path('PrimaryContact').default('PrimaryContact'),
  /** Where the chosen contact is written on the record. */
  primaryContactInto: path('PrimaryContactRecord').default('PrimaryContactRecord'),
});
export type PrimaryContactOption = z.infer<typeof PrimaryContactOption>;

/** How the settings read in a node's inspector. */
export const PRIMARY_CONTACT_UI = {
  primaryContact: {
    label: 'Primary contact',
    widget: 'select' as const,
    options: [
      { value: 'none', label: 'Do not choose a primary contact' },
      { value: 'contact-role', label: "By the contact's role (account/contact role)" },
      { value: 'contact-field', label: 'By a contact-level field (Primary, Secondary, Tertiary)' },
      { value: 'account-lookup', label: "By the account's primary contact lookup" },
    ],
  },
  contacts: { label: "The account's contacts", help: 'A list on the record, e.g. ContactCollectionByAccount.' },
  roleField: { label: 'Role field of a contact', help: 'e.g. DecisionRole.Name' },
  roleName: { label: 'Primary role name', help: 'The role that makes a contact the primary one.' },
  levelField: { label: 'Contact-level field', help: 'e.g. UsrLevel.Name (Primary, Secondary, Tertiary)' },
  levelValue: { label: 'Value on the primary contact' },
  lookupField: { label: "Account's primary contact lookup", help: 'Expanded on the record, e.g. PrimaryContact.' },
  primaryContactInto: { label: 'Put the primary contact in', help: 'A new field, e.g. PrimaryContactRecord.Email.' },
};

type Obj = Record<string, unknown>;
const same = (a: unknown, b: string) => asText(a).trim().toLowerCase() === b.trim().toLowerCase();

/** The primary contact of the record's account, or null when none qualifies (or the option is off). */
export function primaryContact(o: PrimaryContactOption, record: Obj): Obj | null {
  if (o.primaryContact === 'none') return null;
  if (o.primaryContact === 'account-lookup') {
    const c = readPath(record, o.lookupField);
    return c && typeof c === 'object' && !Array.isArray(c) ? (c as Obj) : null;
  }
  const list = readPath(record, o.contacts);
  const contacts = Array.isArray(list) ? list.filter((x): x is Obj => !!x && typeof x === 'object') : [];
  const [field, value] = o.primaryContact === 'contact-role' ? [o.roleField, o.roleName] : [o.levelField, o.levelValue];
  // Several qualify (two decision makers): the first in the list, as the source ordered them.
  return contacts.find((c) => same(readPath(c, field), value)) ?? null;
}

/** Where a missing primary contact is explained to the analyst. */
export function noPrimaryContactReason(o: PrimaryContactOption): string {
  if (o.primaryContact === 'account-lookup') return `its ${o.lookupField} is empty`;
  if (o.primaryContact === 'contact-role') return `none of its contacts has the role "${o.roleName}" (${o.roleField})`;
  return `none of its contacts has ${o.levelField} "${o.levelValue}"`;
}
