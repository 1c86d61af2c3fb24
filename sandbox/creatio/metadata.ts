// CSDL for `GET {root}/$metadata` (service root only, A1), generated from entities.ts.
// Namespace and type names follow the real service ("Terrasoft.Configuration.OData").
import { collectionNavs, ENTITIES, navName } from './entities';
import { edmType } from './odata-filter';

const NS = 'Terrasoft.Configuration.OData';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function metadataXml(): string {
  const types: string[] = [];
  const sets: string[] = [];
  for (const e of ENTITIES.values()) {
    const props = e.columns.map((c) => {
      const nullable = c.name === 'Id' || c.type === 'Text' ? ' Nullable="false"' : '';
      const max = c.type === 'Text' && c.maxLength !== undefined ? ` MaxLength="${c.maxLength}"` : '';
      const precision = c.type === 'Decimal' ? ' Precision="18" Scale="2"' : '';
      return `<Property Name="${esc(c.name)}" Type="${edmType(c)}"${nullable}${max}${precision}/>`;
    });
    const navs = e.columns
      .filter((c) => c.type === 'Lookup')
      .map(
        (c) =>
          `<NavigationProperty Name="${navName(c)}" Type="${NS}.${c.ref}"><ReferentialConstraint ` +
          `Property="${c.name}" ReferencedProperty="Id"/></NavigationProperty>`,
      );
    // Detail collections (`OpportunityProductCollectionByOpportunity`), usable in $expand.
    const details = collectionNavs(e).map(
      (c) => `<NavigationProperty Name="${c.name}" Type="Collection(${NS}.${c.detail.name})"/>`,
    );
    types.push(
      `<EntityType Name="${e.name}"><Key><PropertyRef Name="Id"/></Key>${props.join('')}${navs.join('')}${details.join('')}</EntityType>`,
    );
    sets.push(`<EntitySet Name="${e.name}" EntityType="${NS}.${e.name}"/>`);
  }
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    `<Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${types.join('')}</Schema>` +
    `<Schema Namespace="Default" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
    `<EntityContainer Name="Container">${sets.join('')}</EntityContainer></Schema>` +
    '</edmx:DataServices></edmx:Edmx>'
  );
}

/** `GET {root}/` — the service document listing entity sets. */
export function serviceDocument(serviceRoot: string): Record<string, unknown> {
  return {
    '@odata.context': `${serviceRoot}/$metadata`,
    value: [...ENTITIES.keys()].map((name) => ({ name, kind: 'EntitySet', url: name })),
  };
}
