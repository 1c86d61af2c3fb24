// Seed of the demo data the people and purchase-side templates read (issue 15): the supplier each opportunity is
// bought from, and people who buy on their own ("person accounts": Creatio keeps a private customer as a Contact
// of type Customer with no Account, seed §5.1 "Creatio Person Account to QB Customer/Job").
import { seededGuid } from './store';

type Put = Record<string, (row: Record<string, unknown>, stamp: string) => void>;

/** Seeded-GUID kinds of this file (seed.ts uses 1–9). */
const K_PERSON = 11;
const K_CONTACT_TYPE = 12;
const K_DECISION_ROLE = 13;
const K_ACCOUNT = 3;

/**
 * The supplier account index of the opportunity on account i (seed.ts puts one on every tenth account, 1, 11, …):
 * suppliers are every twelfth account from 7 (seed.ts `isSupplier`); every seventh opportunity names none.
 */
export function opportunityVendor(i: number): number | null {
  const n = (i - 1) / 10;
  return n % 7 === 6 ? null : 7 + 12 * (n % 9);
}

export function opportunityVendorId(i: number, accounts: number): string | null {
  const v = opportunityVendor(i);
  return v === null || v >= accounts ? null : seededGuid(K_ACCOUNT, v);
}

/** People without a company; the last one's name is longer than QuickBooks Desktop's 41-character customer name. */
export const PERSON_ACCOUNTS: { GivenName: string; Surname: string; Email: string; Phone: string }[] = [
  { GivenName: 'María José', Surname: 'Núñez', Email: 'mj.nunez@example.test', Phone: '+1 555 0101' },
  { GivenName: 'Zoë', Surname: "O'Brien", Email: 'zoe.obrien@example.test', Phone: '+1 555 0102' },
  { GivenName: 'Oğuz', Surname: 'Çelik', Email: 'oguz.celik@example.test', Phone: '+1 555 0103' },
  { GivenName: 'Li', Surname: 'Wei', Email: 'li.wei@example.test', Phone: '+1 555 0104' },
  { GivenName: 'Ann & Bob', Surname: 'Smith <Jr>', Email: 'ann.bob@example.test', Phone: '+1 555 0105' },
  {
    GivenName: 'Maximilian Alexander',
    Surname: 'von Hohenzollern-Sigmaringen',
    Email: 'max.vh@example.test',
    Phone: '+49 30 1234567',
  },
];

export const personAccountId = (n: number) => seededGuid(K_PERSON, n);

/** Rows of the ContactType lookup as a new Creatio instance has them. */
export const CONTACT_TYPES = ['Contact person', 'Customer', 'Employee', 'Supplier', 'Partner'];
export const contactTypeId = (name: string) => seededGuid(K_CONTACT_TYPE, CONTACT_TYPES.indexOf(name));

/** Rows of the ContactDecisionRole lookup as a new Creatio instance has them. */
export const DECISION_ROLES = ['Decision maker', 'Influencer', 'Contact person', 'Opponent'];
const decisionRoleId = (name: string) => seededGuid(K_DECISION_ROLE, DECISION_ROLES.indexOf(name));

/**
 * The decision role of the k-th contact of a company: the second one (the accountant, where a company has two) is
 * its decision maker, so choosing the primary contact by role picks another contact than the account's lookup.
 */
export const contactDecisionRoleId = (k: number) => decisionRoleId(k === 1 ? 'Decision maker' : 'Influencer');

export function seedPersonAccounts(put: Put, stamp: string, owner: string): void {
  CONTACT_TYPES.forEach((name) => put.ContactType({ Id: contactTypeId(name), Name: name }, stamp));
  DECISION_ROLES.forEach((name) => put.ContactDecisionRole({ Id: decisionRoleId(name), Name: name }, stamp));
  PERSON_ACCOUNTS.forEach((p, n) =>
    put.Contact(
      {
        Id: personAccountId(n),
        Name: `${p.GivenName} ${p.Surname}`,
        GivenName: p.GivenName,
        Surname: p.Surname,
        Email: p.Email,
        Phone: p.Phone,
        Address: `${10 + n} Market Street`,
        Zip: `0210${n}`,
        OwnerId: owner,
        TypeId: contactTypeId('Customer'),
      },
      stamp,
    ),
  );
}

/**
 * A small account hierarchy (Account.Parent) for the hierarchy templates: Acme Logistics 40 ← Hooli Logistics 50 ←
 * Acme Analytics 60 ← Hooli Analytics 70 (three levels below the top), and Acme Foods 80 ← Hooli Foods 90.
 */
export const ACCOUNT_PARENTS: Readonly<Record<number, number>> = { 50: 40, 60: 50, 70: 60, 90: 80 };

export function accountParentId(i: number): string | null {
  return ACCOUNT_PARENTS[i] === undefined ? null : seededGuid(K_ACCOUNT, ACCOUNT_PARENTS[i]);
}
