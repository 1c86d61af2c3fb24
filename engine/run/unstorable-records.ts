// A record holding a character Weft cannot store or send on (a NUL, a broken UTF-16
// pair) fails alone where it enters the flow, with the field named; before issue 18 it
// reached the run ledger and PostgreSQL refused the whole page, on every run.
import type { FlowRecord, RecordFailure } from '../../nodes/define-node';
import { recordLabel } from '../../nodes/core/field-path';
import { findBadText, unstorableCharacter, visibleNul } from '../../nodes/core/text-characters';

export function setAsideUnstorable(records: FlowRecord[]): {
  kept: FlowRecord[];
  failures: { record: FlowRecord; failure: RecordFailure }[];
} {
  let failures: { record: FlowRecord; failure: RecordFailure }[] | null = null;
  for (const record of records) {
    const bad = findBadText(record.data, unstorableCharacter);
    if (!bad) continue;
    const system = record.meta.source.system;
    (failures ??= []).push({
      record,
      failure: {
        code: 'weft.record.unstorable-character',
        field: bad.field,
        message: `${visibleNul(recordLabel(record))}: field ${bad.field} contains ${bad.what}, which Weft cannot store or send on.`,
        action: `Remove it from ${bad.field} in ${system}; the next run reads the record again once it is changed there.`,
      },
    });
  }
  if (!failures) return { kept: records, failures: [] };
  const refused = new Set(failures.map((f) => f.record));
  return { kept: records.filter((r) => !refused.has(r)), failures };
}
