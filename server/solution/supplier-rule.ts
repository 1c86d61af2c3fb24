// When one plan sends Creatio accounts to a QuickBooks company both as customers and, the suppliers among
// them, as vendors, the customers flow must leave the suppliers out. QuickBooks keeps one list of names for
// customers, vendors and employees: Online refuses a second entity of a name with 6240 ("Duplicate Name Exists
// Error", developer.intuit.com, API reference: Vendor / Customer), Desktop with 3100 (qbXML "The name … of the
// list element is already in use"). A supplier made a customer first could then never become a vendor, and
// the vendors flow would fail every one of them. The vendors templates pick accounts of Type = Supplier.
import type { FlowDocument } from '../../flow/flow-document';
import type { Way } from './object-pairs';

export const SUPPLIER_RULE = { field: 'Type.Name', op: 'not-equals', value: 'Supplier' } as const;
export const SUPPLIER_WORDS = 'Leaves out supplier accounts (Type Supplier): they go to QuickBooks as vendors';

interface Planned {
  pair: string;
  way: Way;
  company: unknown;
  settings: string[];
  document: FlowDocument;
}

/** The customers flow with the supplier rule on its first "all rules" filter, and its Creatio source reading Type. */
function withRule(doc: FlowDocument): FlowDocument | null {
  const filter = doc.nodes.find((n) => n.type === 'core.filter' && n.config.match === 'all');
  if (!filter) return null;
  const rules = Array.isArray(filter.config.rules) ? (filter.config.rules as Record<string, unknown>[]) : [];
  const has = rules.some((r) => r.field === SUPPLIER_RULE.field && r.value === SUPPLIER_RULE.value);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n === filter && !has) return { ...n, config: { ...n.config, rules: [...rules, { ...SUPPLIER_RULE }] } };
      if (n.type !== 'creatio.source') return n;
      const expand = typeof n.config.expand === 'string' ? n.config.expand : '';
      if (expand.split(',').some((part) => part.startsWith('Type('))) return n;
      return { ...n, config: { ...n.config, expand: expand ? `${expand},Type($select=Name)` : 'Type($select=Name)' } };
    }),
  };
}

/**
 * In place: each Creatio accounts → customers flow of a company that also gets an accounts → vendors flow
 * leaves the suppliers out, and says so among its settings. Returns the notes for flows it could not change.
 */
export function keepSuppliersOut(planned: Planned[], companyName: (company: unknown) => string): string[] {
  const notes: string[] = [];
  for (const p of planned) {
    if (p.pair !== 'accounts-customers' || p.way !== 'c2q') continue;
    const vendors = planned.some((q) => q.pair === 'accounts-vendors' && q.way === 'c2q' && q.company === p.company);
    if (!vendors) continue;
    const doc = withRule(p.document);
    if (!doc) {
      notes.push(
        `"${p.document.name}" on "${companyName(p.company)}" has no filter to leave supplier accounts out: add the ` +
          'rule Type.Name not equal to Supplier to it, or its customers will take the names the vendors need.',
      );
      continue;
    }
    p.document = doc;
    p.settings.push(SUPPLIER_WORDS);
  }
  return notes;
}
