// The deterministic demo company shared by every sandbox.
//
// Creatio seeds its accounts from `demoAccount(i)`; QuickBooks seeds customers for
// the accounts that `isAlreadyInQuickBooks(i)` picks, under the same name, so a
// first run finds some customers to bind and update and creates the rest.
// The awkward names are the ones that broke the old service (seed §7.1): `&`,
// quotes, `<`, `>`, accents, `#`, `%`, over-long names and duplicates.

/** mulberry32: tiny, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Hooli',
  'Vandelay',
  'Dunder',
  'Pied',
  'Massive',
  'Oceanic',
  'Gringotts',
  'Monarch',
  'Nakatomi',
  'Virtucon',
];
const SECOND = [
  'Industries',
  'Holdings',
  'Logistics',
  'Analytics',
  'Foods',
  'Energy',
  'Systems',
  'Partners',
  'Labs',
  'Traders',
];
const CITIES = [
  'Austin',
  'Boston',
  'Chicago',
  'Denver',
  'Montréal',
  'Québec',
  'Zürich',
  'São Paulo',
  'Toronto',
  'Seattle',
];

/** Names that must arrive byte for byte, or fail alone with a reason. */
export const AWKWARD_NAMES = [
  'Smith & Sons',
  '"Quoted" Trading Co',
  'Less <Than> Greater Ltd',
  'Café Déjà Vu Crème',
  "O'Brien's Pub & Grill",
  '100% Natural #1 Farm',
  'Ærøskøbing Shipping ÅØ',
  'Ampersand && Quote " Mix <b>bold</b>',
  // 52 characters: longer than QuickBooks Desktop's 41-character Name limit.
  'The Extraordinarily Long Named Manufacturing Company',
];

/** This account has the same name as the next one (both active). */
export const DUPLICATE_INDEX = AWKWARD_NAMES.length + 1;

export interface DemoAccount {
  index: number;
  name: string;
  phone: string;
  web: string;
  address: string;
  city: string;
  zip: string;
  active: boolean;
  notes: string;
}

export function demoAccount(index: number): DemoAccount {
  const r = prng(index + 1);
  let name: string;
  if (index < AWKWARD_NAMES.length) name = AWKWARD_NAMES[index];
  else if (index === DUPLICATE_INDEX)
    name = demoAccount(DUPLICATE_INDEX + 1).name; // two accounts, one name
  else name = `${FIRST[index % FIRST.length]} ${SECOND[Math.floor(index / FIRST.length) % SECOND.length]} ${index}`;
  const city = CITIES[Math.floor(r() * CITIES.length)];
  return {
    index,
    name,
    phone: `+1 555 ${String(1000 + Math.floor(r() * 9000))}`,
    web: `https://example.test/${index}`,
    address: `${1 + Math.floor(r() * 999)} Main St`,
    city,
    zip: String(10000 + Math.floor(r() * 89999)),
    // Every 5th account is inactive, so a filter on "Active = Yes" has work to do;
    // the awkward names are all active, so they always travel.
    active: index < AWKWARD_NAMES.length || index % 5 !== 4,
    notes: index % 7 === 0 ? 'Key account — pays by wire; notes with <tags> & "quotes"' : '',
  };
}

/** Accounts whose customer already exists in QuickBooks, unbound: the first run matches them by name. */
export function isAlreadyInQuickBooks(index: number): boolean {
  return index % 10 === 3;
}

/** Fixed clock start for seeded timestamps, so every seed is identical. */
export const DEMO_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
