// The fields of a QuickBooks Desktop object a mapping writes, for the mapping editor's
// target list, read from the qbXML catalogue (wire/qbxml-objects.ts, the element order of
// the Add body): aggregates by dotted path (BillAddress.Addr1), references by FullName,
// lines under their alias (Lines) with the fields of one line, limits from reference C5.
import type { FieldInfo } from '../../core/field-catalogue';
import { entityDef, ENTITY_NAMES, isRef, limitOf, type EntityDef } from './qbd-catalogue';

const NUMBER = /(Amount|Price|Cost|Rate|Quantity|Limit|Balance|Percent)$/;
const DATE = /(Date)$/;
const BOOLEAN = /^(Is[A-Z]|Billable$)/;

function leaf(d: EntityDef, name: string, path: string): FieldInfo {
  if (isRef(name)) return { path: `${path}.FullName`, type: 'reference', maxLength: 159 };
  const type = NUMBER.test(name) ? 'number' : DATE.test(name) ? 'date' : BOOLEAN.test(name) ? 'boolean' : 'text';
  const max = type === 'text' ? limitOf(d, name) : undefined;
  return { path, type, ...(max ? { maxLength: max } : {}) };
}

function fieldsOf(d: EntityDef, names: readonly string[], prefix = ''): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const name of names) {
    if (name === 'ExternalGUID' || name === 'DataExt') continue;
    const line = d.lines?.find((l) => l.add === name);
    if (line) {
      out.push({ path: line.alias, type: 'list', children: fieldsOf(d, d.shapes[name] ?? []) });
      continue;
    }
    const shape = d.shapes[name];
    if (shape) out.push(...shape.map((child) => leaf(d, child, `${prefix}${name}.${child}`)));
    else out.push(leaf(d, name, `${prefix}${name}`));
  }
  return out;
}

/** The fields a mapping can write on a QuickBooks Desktop object (its Add body), the name it is bound by required. */
export function qbdFieldCatalogue(entity: string): { fields: FieldInfo[]; note?: string } {
  if (!ENTITY_NAMES.includes(entity))
    return { fields: [], note: `QuickBooks Desktop has no object "${entity}" in Weft's catalogue.` };
  const d = entityDef(entity);
  if (!d.add) return { fields: [], note: `QuickBooks Desktop does not let Weft add ${entity} records.` };
  const fields = fieldsOf(d, d.add);
  // A list is found and bound by its Name (unique in QuickBooks); a sales form needs its customer.
  for (const f of fields)
    if ((d.kind === 'list' && f.path === 'Name') || /^(Customer|Vendor)Ref\.FullName$/.test(f.path)) f.required = true;
  if (d.dataExt) fields.push({ path: 'DataExt', type: 'object', label: 'Custom fields (DataExt.<name>)' });
  return { fields };
}
