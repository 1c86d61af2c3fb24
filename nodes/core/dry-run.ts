// Dry run (issue 14): a sink decides create-or-update exactly as it would for real
// (bindings, cross-references and its own look-ups are reads and do run), then,
// instead of sending, answers the outcome the record would have had. The run is
// marked dry, so its `created` / `updated` counters read as "would create" /
// "would update" (engine/record, the designer, `weft run --dry-run`).
import type { FlowRecord, RecordResult } from '../define-node';

/** The result a write would have had: counted, forwarded, and nothing sent anywhere. */
export function wouldWrite(record: FlowRecord, op: 'created' | 'updated', port: string): RecordResult {
  return { record, outcome: op, port };
}
