// The fields of a Creatio object as the mapping editor lists them, from the site's
// `$metadata` (creatio-metadata.ts): Edm types as field types, MaxLength, lookups
// (`AccountId` → Account) as references, detail collections as lists with the fields of
// one element. Required: not nullable, except what Creatio fills itself (A1, CSDL).
import type { FieldInfo, FieldType } from '../core/field-catalogue';
import type { CreatioEntity, CreatioField } from './creatio-metadata';

/** Columns Creatio fills itself (the sink never sends them either). */
const SYSTEM = new Set(['Id', 'CreatedOn', 'CreatedById', 'ModifiedOn', 'ModifiedById', 'ProcessListeners']);

function typeOf(f: CreatioField): FieldType {
  if (f.lookup) return 'reference';
  if (/Edm\.(Int|Decimal|Double|Single|Byte)/.test(f.type)) return 'number';
  if (/Edm\.(Date|TimeOfDay)/.test(f.type)) return 'date';
  if (f.type === 'Edm.Boolean') return 'boolean';
  return 'text';
}

function fieldInfo(f: CreatioField): FieldInfo {
  return {
    path: f.name,
    type: typeOf(f),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(!f.nullable && !SYSTEM.has(f.name) && f.type !== 'Edm.Boolean' ? { required: true } : {}),
    ...(f.lookup ? { label: `${f.name} (${f.lookup})` } : {}),
  };
}

/** The fields of `entity`; detail collections (`…CollectionBy…`) as lists, with the fields of their object. */
export function creatioFieldCatalogue(entity: CreatioEntity, all: CreatioEntity[]): FieldInfo[] {
  const byName = new Map(all.map((e) => [e.name, e]));
  const fields = entity.fields.map(fieldInfo);
  for (const n of entity.navigations) {
    if (!n.collection) continue;
    const target = byName.get(n.target);
    fields.push({
      path: n.name,
      type: 'list',
      label: `${n.name} (${n.target})`,
      children: target?.fields.map(fieldInfo) ?? [],
    });
  }
  return fields;
}
