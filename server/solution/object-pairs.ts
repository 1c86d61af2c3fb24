// The object pairs a customer configures one by one (seed §5.1 "General Synchronization
// Directions"), and which templates serve each. Templates are read generically, by the
// manifest's `direction` and `objects` (the first object is the one the flow reads), so
// a template another engineer or a solutions specialist adds shows up here by itself.

export type Way = 'c2q' | 'q2c';
export type Direction = 'none' | Way | 'both';

export interface ObjectPair {
  id: string;
  /** As the seed writes it, e.g. "Creatio Account ↔ QuickBooks Customer". */
  label: string;
  creatio: string[];
  quickbooks: string[];
  /** Flows of a lower rank are created (and run) first: accounts before opportunities. */
  rank: number;
  /** Lists match by name (Name, Name+Phone…); transactions are found by their number. */
  nameRules: boolean;
  /** Pairs whose records must be bound before this one's (seed: "run the accounts flow first"). */
  requires: string[];
}

// Sales forms and jobs need the opportunity's account bound to its customer; purchases its vendor.
const opportunityTo = (
  id: string,
  qb: string | string[],
  words: string,
  requires = ['accounts-customers'],
): ObjectPair => ({
  id,
  label: `Creatio Opportunity ↔ QuickBooks ${words}`,
  creatio: ['Opportunity'],
  quickbooks: Array.isArray(qb) ? qb : [qb],
  rank: 3,
  nameRules: false,
  requires,
});

/** Seed §5.1's list, in the order a customer reads it (Person Account: Creatio has none, it is an Account). */
export const OBJECT_PAIRS: ObjectPair[] = [
  {
    id: 'accounts-customers',
    label: 'Creatio Account ↔ QuickBooks Customer/Job',
    creatio: ['Account'],
    quickbooks: ['Customer'],
    rank: 0,
    nameRules: true,
    requires: [],
  },
  // A person account (seed §5.1 "Creatio Person Account to QB Customer/Job") is a Creatio contact of type
  // Customer with no account: its templates name the object PersonAccount, so they are not taken for the
  // contacts (sub-customers) pair, and need no accounts flow first.
  {
    id: 'person-accounts-customers',
    label: 'Creatio Person Account ↔ QuickBooks Customer/Job',
    creatio: ['PersonAccount'],
    quickbooks: ['Customer'],
    rank: 0,
    nameRules: true,
    requires: [],
  },
  {
    id: 'contacts-customers',
    label: 'Creatio Contact ↔ QuickBooks Customer/Job (sub-customer)',
    creatio: ['Contact'],
    quickbooks: ['Customer'],
    rank: 1,
    nameRules: true,
    requires: ['accounts-customers'],
  },
  {
    id: 'accounts-vendors',
    label: 'Creatio Account/Contact ↔ QuickBooks Vendor',
    creatio: ['Account', 'Contact'],
    quickbooks: ['Vendor'],
    rank: 0,
    nameRules: true,
    requires: [],
  },
  {
    id: 'products-items',
    label: 'Creatio Product ↔ QuickBooks Item',
    creatio: ['Product'],
    quickbooks: ['Item'],
    rank: 0,
    nameRules: true,
    requires: [],
  },
  // A QuickBooks job is a Customer record (Online: a sub-customer with Job true; Desktop: Customer:Job), so the
  // job templates name Customer next to Opportunity; no other template pairs those two.
  opportunityTo('opportunities-jobs', ['Job', 'Customer'], 'Job'),
  opportunityTo('opportunities-sales-orders', 'SalesOrder', 'Sales Order'),
  opportunityTo('opportunities-purchase-orders', 'PurchaseOrder', 'Purchase Order', ['accounts-vendors']),
  opportunityTo('opportunities-invoices', 'Invoice', 'Invoice'),
  opportunityTo('opportunities-sales-receipts', 'SalesReceipt', 'Sales Receipt'),
  opportunityTo('opportunities-estimates', 'Estimate', 'Estimate'),
  opportunityTo('opportunities-bills', 'Bill', 'Bill', ['accounts-vendors']),
  // QuickBooks Online writes a check as a Purchase of PaymentType Check.
  opportunityTo('opportunities-checks', ['Check', 'Purchase'], 'Check', ['accounts-vendors']),
];

/** What the pairs read of a template (a TemplateInfo of the gallery fits). */
export interface TemplateFacts {
  id: string;
  name: string;
  title?: string;
  direction: string;
  objects: string[];
  /** The old service's flow this template carries on, if any. */
  formerly?: string;
  /** The template going the other way with which it makes a bi-directional pair (manifest `pair`). */
  pair?: string;
}

/**
 * The templates carrying on the old service's flows ("formerly SFAcct2QBCust") before their variants, each
 * group in the order given: the list comes sorted by title, where "Creatio account hierarchy → … sub-customers"
 * sorts before "Creatio accounts → … customers" and would become a pair's default and its example.
 */
export const standardFirst = <T extends TemplateFacts>(templates: T[]): T[] =>
  [...templates].sort((a, b) => Number(!!b.formerly) - Number(!!a.formerly));

/** "Creatio → QuickBooks Online" → the QuickBooks system and which way; null when it is not Creatio ↔ QuickBooks. */
export function readDirection(direction: string): { system: string; ways: Way[] } | null {
  const [from, to] = direction.split(/\s*[→↔]\s*/).map((s) => s.trim());
  if (!from || !to) return null;
  const both = direction.includes('↔');
  if (from === 'Creatio' && to.startsWith('QuickBooks')) return { system: to, ways: both ? ['c2q', 'q2c'] : ['c2q'] };
  if (to === 'Creatio' && from.startsWith('QuickBooks')) return { system: from, ways: both ? ['c2q', 'q2c'] : ['q2c'] };
  return null;
}

// QuickBooks Desktop names its item kinds ItemService, ItemInventory…: each is an Item.
const isQbObject = (o: string, q: string) => o === q || (q === 'Item' && /^Item[A-Z]/.test(o));
export const hasItems = (t: TemplateFacts) => t.objects.some((o) => isQbObject(o, 'Item'));

/** Does this template carry the pair's records the given way? Its first object is the one it reads. */
export function serves(pair: ObjectPair, t: TemplateFacts, way: Way): boolean {
  const [first, ...rest] = t.objects;
  if (first === undefined) return false;
  const isCreatio = (o: string) => pair.creatio.includes(o);
  const isQb = (o: string) => pair.quickbooks.some((q) => isQbObject(o, q));
  const c2q = isCreatio(first) && rest.some(isQb);
  const q2c = isQb(first) && rest.some(isCreatio);
  // A template that goes both ways ("Creatio ↔ …") reads both sides: its objects name the pair in either order.
  if (t.direction.includes('↔')) return c2q || q2c;
  return way === 'c2q' ? c2q : q2c;
}

/** The templates for a pair, a way and a QuickBooks system, the old service's ones first. */
export function templatesFor(pair: ObjectPair, templates: TemplateFacts[], system: string, way: Way): TemplateFacts[] {
  return standardFirst(templates).filter((t) => {
    const d = readDirection(t.direction);
    return d?.system === system && d.ways.includes(way) && serves(pair, t, way);
  });
}

/**
 * The template for each way asked for: the one chosen, else the first. Asked both ways, a way left to the default
 * takes the partner (manifest `pair`) of the other way's template, and with no choice at all the first two templates
 * that are partners: the two flows are then the pair its `pair-*.test.ts` shows leaving out each other's writes, not
 * merely two flows going opposite ways.
 */
export function templatesForWays(
  pair: ObjectPair,
  templates: TemplateFacts[],
  system: string,
  ways: Way[],
  chosen: Partial<Record<Way, string>>,
): Partial<Record<Way, TemplateFacts>> {
  const options = Object.fromEntries(ways.map((w) => [w, templatesFor(pair, templates, system, w)])) as Record<
    Way,
    TemplateFacts[]
  >;
  const picked: Partial<Record<Way, TemplateFacts>> = {};
  for (const w of ways) {
    const t = options[w].find((o) => o.id === chosen[w]);
    if (t) picked[w] = t;
  }
  if (ways.length === 2 && !picked.c2q && !picked.q2c) {
    const c2q = options.c2q.find((t) => options.q2c.some((o) => o.id === t.pair));
    if (c2q) return { c2q, q2c: options.q2c.find((o) => o.id === c2q.pair) };
  }
  for (const w of ways) {
    const other = picked[w === 'c2q' ? 'q2c' : 'c2q'];
    picked[w] ??= options[w].find((o) => other?.pair === o.id) ?? options[w][0];
  }
  return picked;
}

/** Do these two templates make a bi-directional pair (either names the other)? */
export const arePartners = (a: TemplateFacts | undefined, b: TemplateFacts | undefined) =>
  !!a && !!b && (a.pair === b.id || b.pair === a.id);

/** The pair a template serves (first match), with the way; null for templates outside seed §5.1. */
export function pairOf(t: TemplateFacts): { pair: ObjectPair; way: Way; system: string } | null {
  const d = readDirection(t.direction);
  if (!d) return null;
  for (const pair of OBJECT_PAIRS)
    for (const way of d.ways) if (serves(pair, t, way)) return { pair, way, system: d.system };
  return null;
}

/**
 * The pairs whose flows must run before this template's: its pair's `requires`, and the
 * products when a transaction template does not make its own items (Desktop's look them up)
 * or, the way back, writes opportunity products (each line's item must be bound to a product).
 */
export function requiredPairs(t: TemplateFacts): ObjectPair[] {
  const mine = pairOf(t);
  if (!mine) return [];
  const ids = [...mine.pair.requires];
  const looksUpItems = mine.way === 'c2q' ? !hasItems(t) : t.objects.includes('OpportunityProduct');
  if (mine.pair.rank >= 3 && looksUpItems) ids.push('products-items');
  return OBJECT_PAIRS.filter((p) => ids.includes(p.id));
}

export const SYSTEM_KIND: Record<string, string> = {
  'QuickBooks Online': 'quickbooks-online',
  'QuickBooks Desktop': 'quickbooks-desktop',
};
export const KIND_SYSTEM: Record<string, string> = Object.fromEntries(
  Object.entries(SYSTEM_KIND).map(([s, k]) => [k, s]),
);
