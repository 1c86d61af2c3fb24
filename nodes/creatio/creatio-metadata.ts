// Read Creatio's CSDL (`GET {root}/$metadata`, service root only — A1) into a small
// model the designer can offer as pick lists: entities, fields, lookups.
import { XMLParser } from 'fast-xml-parser';

export interface CreatioField {
  name: string;
  /** Edm type, e.g. `Edm.String`, `Edm.Guid`, `Edm.DateTimeOffset`. */
  type: string;
  maxLength?: number;
  /** Edm.Decimal: total digits and digits after the point (Currency(9,2) → 9 and 2). */
  precision?: number;
  scale?: number;
  nullable: boolean;
  /** For a lookup's flat FK field (`CityId`): the entity it points to. */
  lookup?: string;
}

export interface CreatioEntity {
  name: string;
  key: string[];
  fields: CreatioField[];
  /**
   * Navigation properties usable in $expand: lookups (`City`, also in $filter paths) and
   * detail collections (`OpportunityProductCollectionByOpportunity`, `collection: true`).
   */
  navigations: { name: string; target: string; foreignKey?: string; collection?: boolean }[];
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const local = (qualified: string) => qualified.slice(qualified.lastIndexOf('.') + 1);

type Node = Record<string, unknown>;

export function parseMetadata(xml: string): CreatioEntity[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true }).parse(
    xml,
  ) as Node;
  const schemas = asArray(((doc.Edmx as Node)?.DataServices as Node)?.Schema as Node | Node[]);
  const out: CreatioEntity[] = [];
  for (const schema of schemas) {
    for (const t of asArray(schema.EntityType as Node | Node[])) {
      const navigations = asArray(t.NavigationProperty as Node | Node[]).map((n) => {
        const rc = asArray(n.ReferentialConstraint as Node | Node[])[0];
        const type = /^Collection\((.*)\)$/.exec(String(n['@Type']));
        const target = local(type ? type[1] : String(n['@Type']));
        return {
          name: String(n['@Name']),
          target,
          foreignKey: rc ? String(rc['@Property']) : undefined,
          ...(type ? { collection: true } : {}),
        };
      });
      const fields = asArray(t.Property as Node | Node[]).map((p): CreatioField => {
        const name = String(p['@Name']);
        const nav =
          navigations.find((n) => n.foreignKey === name) ??
          navigations.find((n) => !n.collection && `${n.name}Id` === name);
        return {
          name,
          type: String(p['@Type']),
          maxLength: p['@MaxLength'] !== undefined && p['@MaxLength'] !== 'Max' ? Number(p['@MaxLength']) : undefined,
          ...(p['@Precision'] !== undefined ? { precision: Number(p['@Precision']) } : {}),
          ...(p['@Scale'] !== undefined && p['@Scale'] !== 'Variable' ? { scale: Number(p['@Scale']) } : {}),
          nullable: p['@Nullable'] !== 'false',
          lookup: nav?.target,
        };
      });
      const key = asArray(((t.Key as Node)?.PropertyRef as Node | Node[]) ?? []).map((k) => String(k['@Name']));
      out.push({ name: String(t['@Name']), key, fields, navigations });
    }
  }
  return out;
}
