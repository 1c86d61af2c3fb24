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

const ITEM_TYPES = ['ItemService', 'ItemNonInventory', 'ItemOtherCharge', 'ItemInventory', 'ItemGroup'];

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
