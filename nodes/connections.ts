// Every connection kind Weft knows, as an explicit list (issue 13; no file-system
// discovery). Server, engine and designer read connections only through it: a
// fourth system adds its `<system>.connection.ts` and one line here.
import { nameSystems, registerRecordTypes } from '../flow/record-types';
import type { AnyConnectionDefinition } from './define-connection';
import { registerFieldList } from './core/field-catalogue';
import { creatioConnection } from './creatio/creatio.connection';
import { qboConnection } from './quickbooks/online/qbo.connection';
import { qbdConnection } from './quickbooks/desktop/qbd.connection';

export const CONNECTION_DEFINITIONS: AnyConnectionDefinition[] = [creatioConnection, qboConnection, qbdConnection];

export interface ConnectionRegistry {
  get(kind: string): AnyConnectionDefinition | undefined;
  list(): AnyConnectionDefinition[];
  /** The kinds served by the Web Connector service (a `webConnector` hook). */
  withWebConnector(): AnyConnectionDefinition[];
  /** Every secret that is live state some kind keeps (tokens), for stores that keep state apart. */
  stateKeys(): string[];
}

export function createConnectionRegistry(defs: AnyConnectionDefinition[]): ConnectionRegistry {
  const byKind = new Map<string, AnyConnectionDefinition>();
  for (const d of defs) {
    if (byKind.has(d.kind)) throw new Error(`Two connection definitions claim the kind "${d.kind}"`);
    byKind.set(d.kind, d);
  }
  const list = [...byKind.values()];
  return {
    get: (k) => byKind.get(k),
    list: () => list,
    withWebConnector: () => list.filter((d) => d.hooks?.webConnector),
    stateKeys: () => [...new Set(list.flatMap((d) => d.state ?? []))],
  };
}

export const connectionRegistry = createConnectionRegistry(CONNECTION_DEFINITIONS);
// Record types are named after their system's connection kind: the flow model's messages use these names.
nameSystems(CONNECTION_DEFINITIONS.map((d) => [d.kind, d.label]));
// … and what a Mapping may produce, with the fields of each where the kind knows them (issue 14).
for (const d of CONNECTION_DEFINITIONS) {
  registerRecordTypes(d.kind, d.entities ?? []);
  if (d.fieldList) registerFieldList(d.kind, d.fieldList);
}
