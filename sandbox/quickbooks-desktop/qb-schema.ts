// The qbXML schema the simulated QuickBooks checks requests against, per object
// (Add/Mod element orders, aggregates and lines, field limits, the editions that
// have a field): the facts in wire/qbxml-objects.ts, shared with the connector
// because they are QuickBooks' schema, not Weft code. What QuickBooks answers
// (status codes, EditSequence, totals) is the sandbox's own (object-handlers.ts).
import { COMMON_LIMITS, type EntityDef } from '../../wire/qbxml-objects';
import { OBJECTS } from '../../wire/qbxml-object-table';

export type { Country, EntityDef, LineDef } from '../../wire/qbxml-objects';
export const SCHEMA = new Map(OBJECTS.map((d) => [d.name, d]));
export const limitOf = (d: EntityDef, field: string) => d.limits?.[field] ?? COMMON_LIMITS[field];
