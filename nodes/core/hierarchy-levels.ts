// Seed §5.2 "Hierarchy Propagation": Creatio's account hierarchy (Account.Parent) becomes the QuickBooks
// Customer:Job hierarchy, up to a chosen number of levels below the top customer. An account deeper than that
// hangs under its ancestor on the last level kept, so QuickBooks never gets more levels than chosen. The record
// carries its parents expanded (Parent($select=Id,Name;$expand=Parent(…))); the option writes the Creatio id of the
// account its QuickBooks parent is (for a reference lookup to turn into the parent customer) and its level.
import { z } from 'zod';
import { asText, fieldPath, readPath } from './field-path';

export const HierarchyOption = z.strictObject({
  /** Levels of sub-customers kept below the top customer; 0 = every account is a top-level customer. */
  hierarchyLevels: z.number().int().min(0).max(5).default(0),
  /** The expanded parent on the record, e.g. Parent (Account.Parent on an opportunity). */
  hierarchyParent: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as Parent')).default('Parent'),
  /** Where the QuickBooks parent's Creatio id goes (empty for a top-level customer), and the level. */
  hierarchyInto: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field name such as ParentAccountId')).default(
    'ParentAccountId',
  ),
});
export type HierarchyOption = z.infer<typeof HierarchyOption>;

/** How the settings read in a node's inspector. */
export const HIERARCHY_UI = {
  hierarchyLevels: {
    label: 'Levels of sub-customers',
    help: '0 = every account is a customer of its own; 2 = Customer:Sub:Sub, deeper accounts hang on the last level.',
  },
  hierarchyParent: { label: 'Parent account on the record', help: 'Expanded with Id, Name and ParentId, e.g. Parent.' },
  hierarchyInto: { label: "Put the parent account's id in", help: 'For a linked record lookup to its customer.' },
};

type Obj = Record<string, unknown>;
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const filled = (v: unknown) => !!asText(v).trim() && asText(v) !== EMPTY_GUID;

/** The QuickBooks parent (Creatio id, '' for none) and level of the record, or what is missing to know it. */
export function hierarchyParent(
  o: HierarchyOption,
  record: Obj,
): { parentId: string; level: number } | { missing: string } {
  const chain: string[] = []; // nearest ancestor first
  let cur = readPath(record, o.hierarchyParent);
  while (cur && typeof cur === 'object') {
    const id = asText((cur as Obj).Id);
    if (!filled(id) || chain.includes(id)) break; // an empty lookup, or a loop an administrator made
    chain.push(id);
    if (!filled((cur as Obj).ParentId) || (cur as Obj).Parent) cur = (cur as Obj).Parent;
    else return { missing: `the parent of ${asText((cur as Obj).Name) || id}` };
  }
  const depth = chain.length;
  if (o.hierarchyLevels === 0 || depth === 0) return { parentId: '', level: 0 };
  // Deeper than kept: hang under the ancestor on level `levels - 1` (the top customer is level 0).
  return depth <= o.hierarchyLevels
    ? { parentId: chain[0], level: depth }
    : { parentId: chain[depth - o.hierarchyLevels], level: o.hierarchyLevels };
}
