// Seed §5.2 "Address Population": a QuickBooks billing or shipping address taken from the Creatio account, from
// the opportunity's own address fields (the seed's Text(210) fields Street, City, State, Postal Code, Country, e.g.
// UsrBillingStreet …) or from the primary contact (primary-contact.ts). The address is written on the record as
// BillingAddress / ShippingAddress {Street, City, State, PostalCode, Country}, for the mapping to place where its
// QuickBooks wants it (BillAddr.Line1, BillAddress.Addr1 …). One definition for every node that needs it.
import { z } from 'zod';
import { asText, fieldPath, readPath } from './field-path';

const path = fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field path such as Account'));

const Source = z.enum(['none', 'account', 'opportunity', 'primary-contact']);
export const AddressOption = z.strictObject({
  billingAddress: Source.default('none'),
  shippingAddress: Source.default('none'),
  /** The account on the record: empty when the record is the account itself, e.g. Account on an opportunity. */
  addressAccount: path.default(''),
  /** The opportunity's address fields: this prefix, then Street, City, State, PostalCode, Country. */
  billingPrefix: z.string().default('UsrBilling'),
  shippingPrefix: z.string().default('UsrShipping'),
});
export type AddressOption = z.infer<typeof AddressOption>;
export type AddressSource = z.infer<typeof Source>;

const SOURCES = [
  { value: 'none', label: 'Leave empty' },
  { value: 'account', label: 'The Creatio account' },
  { value: 'opportunity', label: "The opportunity's address fields" },
  { value: 'primary-contact', label: 'The primary contact' },
];
/** How the settings read in a node's inspector. */
export const ADDRESS_UI = {
  billingAddress: { label: 'Billing address from', widget: 'select' as const, options: SOURCES },
  shippingAddress: { label: 'Shipping address from', widget: 'select' as const, options: SOURCES },
  addressAccount: { label: 'The account on the record', help: 'e.g. Account on an opportunity; empty on an account.' },
  billingPrefix: { label: "Opportunity's billing fields start with", help: 'UsrBilling → UsrBillingStreet, …City …' },
  shippingPrefix: { label: "Opportunity's shipping fields start with" },
};

export interface Address {
  Street: string;
  City: string;
  State: string;
  PostalCode: string;
  Country: string;
}
type Obj = Record<string, unknown>;

/** Creatio keeps an account's or contact's address in Address, City, Region, Zip and Country (lookups by Name). */
function creatioAddress(o: Obj): Address {
  const t = (p: string) => asText(readPath(o, p)).trim();
  return {
    Street: t('Address'),
    City: t('City.Name'),
    State: t('Region.Name'),
    PostalCode: t('Zip'),
    Country: t('Country.Name'),
  };
}

/** One address from its source, or null when the source is absent or every part is empty. */
export function addressFrom(
  source: AddressSource,
  prefix: string,
  o: AddressOption,
  record: Obj,
  primary: Obj | null,
): Address | null {
  let a: Address | null = null;
  if (source === 'account') {
    const acc = o.addressAccount ? readPath(record, o.addressAccount) : record;
    a = acc && typeof acc === 'object' ? creatioAddress(acc as Obj) : null;
  } else if (source === 'primary-contact') a = primary ? creatioAddress(primary) : null;
  else if (source === 'opportunity') {
    const t = (f: string) => asText(readPath(record, `${prefix}${f}`)).trim();
    a = { Street: t('Street'), City: t('City'), State: t('State'), PostalCode: t('PostalCode'), Country: t('Country') };
  }
  return a && Object.values(a).some(Boolean) ? a : null;
}
