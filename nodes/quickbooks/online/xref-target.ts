// The cross-reference key of a record bound to QuickBooks Online: the target
// company (connection) and entity, and the source connection the record was read
// through (sources stamp it on `meta.source.connection`; the system name is the
// fallback for records from sources that do not).
import type { FlowRecord, XrefTarget } from '../../define-node';

export function qboXrefTarget(connection: string, entity: string, record: FlowRecord): XrefTarget {
  return {
    connection,
    entity,
    sourceConnection: record.meta.source.connection ?? record.meta.source.system,
    sourceEntity: record.meta.source.entity,
  };
}

export const xrefGroupKey = (t: XrefTarget) => `${t.connection}|${t.entity}|${t.sourceConnection}|${t.sourceEntity}`;
