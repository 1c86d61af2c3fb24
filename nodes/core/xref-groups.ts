// Cross-reference look-ups for a whole page: the ids its records need, grouped by the
// cross-reference group each belongs to (the records of one page may come from different
// source connections), so a page costs one query per group, never one per record.
// Shared by the reference lookup and the QuickBooks Online items-for-lines node.
import type { CrossReference, XrefTarget } from '../define-node';

const groupKey = (t: XrefTarget) => JSON.stringify([t.connection, t.entity, t.sourceConnection, t.sourceEntity]);

/** The same group seen from the other side: links made by a flow from the target system to the source one. */
export const reverseOf = (t: XrefTarget): XrefTarget => ({
  connection: t.sourceConnection,
  entity: t.sourceEntity,
  sourceConnection: t.connection,
  sourceEntity: t.entity,
});

/**
 * QuickBooks Desktop's item kinds, one list read back as Item (flow/flow-footprint.ts listEntity): a flow writing
 * products as ItemService links them under ItemService, and a line's Item finds its product among those links.
 */
const ITEM_KINDS = ['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge', 'ItemGroup', 'ItemDiscount'];

/** The groups the other way: the same, and for an Item each Desktop item kind it may have been written as. */
function reversesOf(t: XrefTarget): XrefTarget[] {
  const back = reverseOf(t);
  return back.entity === 'Item' ? [back, ...ITEM_KINDS.map((entity) => ({ ...back, entity }))] : [back];
}

/** An id's counterparts: one when linked, several when two target records were linked to it (ambiguous). */
export type Linked = (target: XrefTarget, id: string) => string[] | undefined;

/**
 * The counterparts of every id wanted, each looked up as a source key (links made by a flow from here to
 * there) and, with `bothWays`, the ones not found as a target id (links made by a flow the other way).
 */
export async function linkedIds(
  xref: CrossReference,
  wanted: Iterable<readonly [XrefTarget, string]>,
  bothWays: boolean,
): Promise<Linked> {
  const groups = new Map<string, { target: XrefTarget; ids: Set<string> }>();
  for (const [target, id] of wanted) {
    if (!id) continue;
    const g = groups.get(groupKey(target)) ?? { target, ids: new Set<string>() };
    g.ids.add(id);
    groups.set(groupKey(target), g);
  }
  const found = new Map<string, Map<string, string[]>>();
  for (const [k, g] of groups) {
    const hits = new Map<string, string[]>();
    for (const [id, hit] of await xref.lookup(g.target, [...g.ids])) hits.set(id, [hit.targetId]);
    const rest = [...g.ids].filter((id) => !hits.has(id));
    for (const back of bothWays ? reversesOf(g.target) : []) {
      const left = rest.filter((id) => !hits.has(id));
      if (left.length === 0) break;
      for (const [id, keys] of await xref.sourcesOf(back, left)) hits.set(id, keys);
    }
    found.set(k, hits);
  }
  return (target, id) => found.get(groupKey(target))?.get(id);
}
