// References in requests (`CustomerRef`, `ItemRef`, `AccountRef`…) as QuickBooks
// resolves them: by ListID or FullName (any case), answered back with both; a
// reference to nothing fails the request with 3140 (reference C4). Lists the
// sandbox does not keep (classes, terms, sales reps…) are taken as sent.
import type { CompanyFile } from './company-file';

export interface Resolved {
  value: Record<string, unknown>;
  kind: string;
  missing?: string;
}

const ITEM_TYPES = ['ItemService', 'ItemNonInventory', 'ItemOtherCharge', 'ItemInventory', 'ItemDiscount', 'ItemGroup'];

function kindOf(ref: string): { kind: string; objects: string[]; customers: boolean } | null {
  if (ref === 'CustomerRef') return { kind: 'Customer', objects: [], customers: true };
  if (ref === 'VendorRef' || ref === 'PrefVendorRef') return { kind: 'Vendor', objects: ['Vendor'], customers: false };
  if (ref === 'PayeeEntityRef' || ref === 'EntityRef' || ref === 'ShipToEntityRef')
    return { kind: 'Entity', objects: ['Vendor'], customers: true };
  if (ref === 'ItemRef' || ref === 'ItemGroupRef')
    return { kind: 'Item', objects: ref === 'ItemGroupRef' ? ['ItemGroup'] : ITEM_TYPES, customers: false };
  if (ref === 'ItemServiceRef') return { kind: 'Item', objects: ['ItemService'], customers: false };
  if (ref.endsWith('AccountRef')) return { kind: 'Account', objects: ['Account'], customers: false };
  return null;
}

export function resolveRef(file: CompanyFile, ref: string, v: Record<string, unknown>): Resolved {
  const k = kindOf(ref);
  const listId = v.ListID === undefined ? undefined : String(v.ListID);
  const fullName = v.FullName === undefined ? undefined : String(v.FullName);
  if (!k) return { value: v, kind: ref.replace(/Ref$/, '') };
  if (k.customers) {
    const c = listId ? file.customer(listId) : file.customerByName(fullName ?? '');
    if (c) return { value: { ListID: c.listId, FullName: c.name }, kind: k.kind };
  }
  for (const o of k.objects) {
    const r = listId
      ? file.object(listId)
      : file.objectByName(o.startsWith('Item') ? 'Item' : o === 'Vendor' ? 'Name' : o, fullName ?? '');
    if (r && k.objects.includes(r.object))
      return { value: { ListID: r.id, FullName: String(r.data.Name) }, kind: k.kind };
  }
  return { value: v, kind: k.kind, missing: listId ?? fullName ?? '' };
}

/**
 * A list record's ParentRef (a sub-account, a sub-item) points into its own name list; QuickBooks keeps
 * it by ListID, so renaming the parent renames the child's FullName too (OSR, AccountAdd ParentRef).
 * A FullName path is looked up by its last name. Answers the reference to check, or null without one.
 */
export function resolveParent(
  file: CompanyFile,
  object: string,
  namespace: string,
  data: Record<string, unknown>,
): Resolved | null {
  const p = data.ParentRef as Record<string, unknown> | undefined;
  if (!p) return null;
  const listId = p.ListID === undefined ? undefined : String(p.ListID);
  const r = listId
    ? file.object(listId)
    : file.objectByName(
        namespace,
        String(p.FullName ?? '')
          .split(':')
          .pop()!,
      );
  if (!r || (object.startsWith('Item') ? !r.object.startsWith('Item') : r.object !== object))
    return { value: p, kind: object.startsWith('Item') ? 'Item' : object, missing: listId ?? String(p.FullName ?? '') };
  data.ParentRef = { ListID: r.id, FullName: String(r.data.Name) };
  return { value: data.ParentRef as Record<string, unknown>, kind: object };
}
