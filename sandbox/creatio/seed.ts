// Deterministic seed of the demo company from sandbox/demo-data.ts.
// One transaction and prepared statements per table: a million accounts must
// seed in seconds (measured figure in README.md). Indexes are built afterwards.
import { DEMO_EPOCH, demoAccount, prng } from '../demo-data';
import { ENTITIES } from './entities';
import { createIndexes, creatioTimestamp, seededGuid, type Db } from './store';
import { seedFinance } from './seed-finance';
import {
  accountParentId,
  contactDecisionRoleId,
  opportunityVendorId,
  seedPersonAccounts,
} from './seed-people-purchasing';

export interface SeedOptions {
  /** Number of accounts (default 300). */
  accounts?: number;
}

/** The Supervisor contact of a real demo instance owns everything seeded. */
export const SUPERVISOR_CONTACT_ID = '410006e1-ca4e-4502-a9ec-e54d922d2c00';
export const ACTIVE_YES_ID = 'c0a1e5f3-6b2e-4d0a-9a55-000000000001';
export const ACTIVE_NO_ID = 'c0a1e5f3-6b2e-4d0a-9a55-000000000002';

const CITY_COUNTRY: Record<string, string> = {
  Austin: 'United States',
  Boston: 'United States',
  Chicago: 'United States',
  Denver: 'United States',
  Seattle: 'United States',
  Montréal: 'Canada',
  Québec: 'Canada',
  Toronto: 'Canada',
  Zürich: 'Switzerland',
  'São Paulo': 'Brazil',
};
const GIVEN = ['Ana', 'Bjørn', 'Chloé', 'Dmitri', 'Émile', 'Fatima', 'Grace', 'Hiro', 'Ines', 'Seán'];
const SURNAME = ['Ng', "O'Neil", 'Müller', 'Smith', 'García', 'Kowalski', 'Dubois', 'Rossi', 'Tanaka', 'Brown'];
const STAGES = ['Qualification', 'Presentation', 'Proposal', 'Closed won', 'Closed lost'];

// Entity kinds used in seeded GUIDs (see seededGuid).
const K = {
  country: 1,
  city: 2,
  account: 3,
  contact: 4,
  stage: 5,
  product: 6,
  opportunity: 7,
  opportunityProduct: 8,
  accountType: 9,
};

/**
 * The product catalogue: awkward names that must reach QuickBooks byte for byte, one
 * named like an item the QuickBooks demo company already has (bound by name, not
 * created), and one longer than QuickBooks' 100-character item name.
 */
export const PRODUCTS: { Name: string; Code: string; Price: number }[] = [
  ...Array.from({ length: 20 }, (_, n) => ({
    Name: `Product ${n} — "Std" & <Pro>`,
    Code: `P-${n}`,
    Price: 10 + n * 2.5,
  })),
  { Name: 'Consulting Hours', Code: 'P-20', Price: 150 },
  {
    Name: `Extended warranty & on-site service plan for "Hardware Kit" <Pro> — ${'five years, parts and labour included, '.repeat(2)}no questions asked`,
    Code: 'P-21',
    Price: 99.99,
  },
];

/** The product lines of the opportunity on account i (1–3 lines; quantities include a fraction). */
export function opportunityLines(i: number): { product: number; quantity: number; price: number; amount: number }[] {
  const n = (i - 1) / 10;
  return Array.from({ length: 1 + (n % 3) }, (_, k) => {
    const product = (n + k * 5) % PRODUCTS.length;
    const quantity = k === 1 ? 2.5 : 1 + ((n + k) % 4);
    const price = PRODUCTS[product].Price;
    return { product, quantity, price, amount: Math.round(quantity * price * 100) / 100 };
  });
}

/** Past this many timestamps, seeded accounts are a second apart instead of a minute. */
const MINUTE_STEPS = 200_000;

/**
 * Seeded ModifiedOn of account i: two accounts share each timestamp, so paging must break ties by Id.
 * A minute apart for the first 400,000 accounts, then a second apart: at a minute apart 1M accounts
 * reached into the future (DEMO_EPOCH + 347 days), so a full run's watermark lay after every later
 * edit and an incremental run saw none of them (bench, 1M).
 */
export function seededModifiedOn(i: number): string {
  const step = Math.floor(i / 2);
  const offset = step <= MINUTE_STEPS ? step * 60_000 : MINUTE_STEPS * 60_000 + (step - MINUTE_STEPS) * 1000;
  return creatioTimestamp(DEMO_EPOCH + offset + ((step * 37) % 1000), (step * 7919) % 10_000);
}

function inserter(db: Db, entity: string) {
  const defs = ENTITIES.get(entity)!.columns;
  const at = new Map(defs.map((c, n) => [c.name, n]));
  const defaults: unknown[] = defs.map((d) =>
    d.type === 'Text' ? '' : d.type === 'Decimal' || d.type === 'Integer' || d.type === 'Boolean' ? 0 : null,
  );
  const [createdOn, modifiedOn, createdBy, modifiedBy] = ['CreatedOn', 'ModifiedOn', 'CreatedById', 'ModifiedById'].map(
    (c) => at.get(c)!,
  );
  const stmt = db.prepare(
    `INSERT INTO "${entity}" (${defs.map((c) => `"${c.name}"`).join(',')}) VALUES (${defs.map(() => '?').join(',')})`,
  );
  // Arrays, not objects: this runs 1.6 million times for a million accounts.
  return (row: Record<string, unknown>, stamp: string) => {
    const values = defaults.slice();
    values[createdOn] = stamp;
    values[modifiedOn] = stamp;
    values[createdBy] = SUPERVISOR_CONTACT_ID;
    values[modifiedBy] = SUPERVISOR_CONTACT_ID;
    for (const k in row) values[at.get(k)!] = row[k];
    stmt.run(values);
  };
}

/** Rows of the AccountType lookup, as a new Creatio instance has them (A4). */
export const ACCOUNT_TYPES = ['Our company', 'Customer', 'Partner', 'Contractor', 'Supplier'];

/** Every twelfth account from 7 on is a supplier (active and inactive ones, the awkward "7" among them). */
export const isSupplier = (i: number) => i % 12 === 7;

export function seedDemo(db: Db, opts: SeedOptions = {}): void {
  const accounts = opts.accounts ?? 300;
  const base = creatioTimestamp(DEMO_EPOCH - 86_400_000);
  db.transaction(() => {
    const put = Object.fromEntries([...ENTITIES.keys()].map((e) => [e, inserter(db, e)]));
    put.Contact(
      { Id: SUPERVISOR_CONTACT_ID, Name: 'Supervisor', GivenName: 'Supervisor', JobTitle: 'Administrator' },
      base,
    );
    ACCOUNT_TYPES.forEach((name, n) => put.AccountType({ Id: seededGuid(K.accountType, n), Name: name }, base));
    put.UsrActiveStatus({ Id: ACTIVE_YES_ID, Name: 'Yes' }, base);
    put.UsrActiveStatus({ Id: ACTIVE_NO_ID, Name: 'No' }, base);
    seedFinance(put, base);
    STAGES.forEach((name, n) =>
      put.OpportunityStage({ Id: seededGuid(K.stage, n), Name: name, Number: n, End: n >= 3 ? 1 : 0 }, base),
    );
    for (let n = 0; n < PRODUCTS.length; n++) put.Product({ Id: seededGuid(K.product, n), ...PRODUCTS[n] }, base);
    const countries = new Map<string, string>();
    const cities = new Map<string, { id: string; country: string }>();
    const city = (name: string) => {
      let c = cities.get(name);
      if (!c) {
        const countryName = CITY_COUNTRY[name] ?? 'United States';
        let country = countries.get(countryName);
        if (!country) {
          country = seededGuid(K.country, countries.size);
          countries.set(countryName, country);
          put.Country({ Id: country, Name: countryName }, base);
        }
        c = { id: seededGuid(K.city, cities.size), country };
        cities.set(name, c);
        put.City({ Id: c.id, Name: name, CountryId: country }, base);
      }
      return c;
    };
    seedPersonAccounts(put, base, SUPERVISOR_CONTACT_ID);
    let contactN = 0;
    for (let i = 0; i < accounts; i++) {
      const a = demoAccount(i);
      const c = city(a.city);
      const id = seededGuid(K.account, i);
      const stamp = seededModifiedOn(i);
      // A few contacts for every third account; the first is the primary contact.
      const contacts = i % 3 === 0 ? 1 + (i % 2) : 0;
      let primary: string | null = null;
      for (let k = 0; k < contacts; k++) {
        const r = prng(i * 7 + k);
        const given = GIVEN[Math.floor(r() * GIVEN.length)];
        const surname = SURNAME[Math.floor(r() * SURNAME.length)];
        const cid = seededGuid(K.contact, contactN++);
        primary ??= cid;
        put.Contact(
          {
            Id: cid,
            Name: `${given} ${surname}`,
            GivenName: given,
            Surname: surname,
            AccountId: id,
            Email: `${given.toLowerCase()}.${i}@example.test`,
            Phone: a.phone,
            JobTitle: k === 0 ? 'Buyer' : 'Accountant',
            DecisionRoleId: contactDecisionRoleId(k),
            OwnerId: SUPERVISOR_CONTACT_ID,
          },
          stamp,
        );
      }
      put.Account(
        {
          Id: id,
          Name: a.name,
          Phone: a.phone,
          Web: a.web,
          Address: a.address,
          Zip: a.zip,
          CityId: c.id,
          CountryId: c.country,
          OwnerId: SUPERVISOR_CONTACT_ID,
          PrimaryContactId: primary,
          ParentId: accountParentId(i),
          Notes: a.notes,
          UsrActiveId: a.active ? ACTIVE_YES_ID : ACTIVE_NO_ID,
          TypeId: seededGuid(K.accountType, ACCOUNT_TYPES.indexOf(isSupplier(i) ? 'Supplier' : 'Customer')),
          CreatedOn: creatioTimestamp(DEMO_EPOCH - 86_400_000 + i),
        },
        stamp,
      );
      if (i % 10 === 1) {
        const oppId = seededGuid(K.opportunity, i);
        const lines = opportunityLines(i);
        lines.forEach((l, k) =>
          put.OpportunityProduct(
            {
              Id: seededGuid(K.opportunityProduct, i * 4 + k),
              OpportunityId: oppId,
              ProductId: seededGuid(K.product, l.product),
              Quantity: l.quantity,
              Price: l.price,
              Amount: l.amount,
              // Lines are entered one after the other: CreatedOn orders them as the salesperson did.
              CreatedOn: creatioTimestamp(DEMO_EPOCH - 3_600_000 + i * 10, k),
            },
            stamp,
          ),
        );
        put.Opportunity(
          {
            Id: oppId,
            Title: `${a.name} — renewal`,
            AccountId: id,
            OwnerId: SUPERVISOR_CONTACT_ID,
            StageId: seededGuid(K.stage, i % STAGES.length),
            Amount: lines.reduce((s, l) => s + l.amount, 0),
            Probability: 10 * (i % 10),
            DueDate: creatioTimestamp(DEMO_EPOCH + 30 * 86_400_000),
            UsrInvoiceNumber: `OPP-${String(i).padStart(6, '0')}`,
            UsrVendorId: opportunityVendorId(i, accounts),
          },
          stamp,
        );
      }
    }
  })();
  createIndexes(db);
}

/** The seeded Id of account i (tests and other sandboxes use it to find a record). */
export function seededAccountId(i: number): string {
  return seededGuid(K.account, i);
}
