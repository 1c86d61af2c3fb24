// What the QuickBooks Desktop sink (qbd-sink.node.ts) finds wrong with a record
// before anything is sent: unknown fields, characters XML 1.0 cannot carry, limits
// (3070, never truncated). Such a record fails alone, unsent.
import type { FlowRecord, RecordFailure } from '../../define-node';
import { limitOf, overLimit, unknownFields, type EntityDef } from './qbd-catalogue';
import { findBadText, nonXmlCharacter, visibleNul } from '../../core/text-characters';

export const recordLabel = (d: EntityDef, r: FlowRecord) => String((d.match && r.data[d.match]) ?? r.key);

/** What is wrong with a record before anything is sent, or null. */
export function precheck(d: EntityDef, record: FlowRecord): RecordFailure | null {
  const label = recordLabel(d, record);
  const bad = unknownFields(d, record.data);
  if (bad.length)
    return {
      code: 'weft.qbd.unknown-field',
      field: bad[0],
      message: `QuickBooks Desktop ${d.name} records have no field ${bad.join(', ')} (${d.name} "${label}").`,
      action: `Remove or rename ${bad.join(', ')} in the mapping; Desktop names fields as qbXML does (${(d.add ?? []).slice(0, 4).join(', ')}…).`,
    };
  // XML 1.0 carries no control character but TAB, LF and CR (w3.org/TR/xml/#charsets): QuickBooks
  // would refuse the whole request set's XML (0x80040400), so the record fails alone here, visibly.
  const odd = findBadText(record.data, nonXmlCharacter);
  if (odd)
    return {
      code: 'weft.qbd.xml-character',
      field: odd.field,
      message:
        `${d.name} "${visibleNul(label)}" was not sent: the field "${odd.field}" contains ` +
        `${odd.what}, which QuickBooks Desktop cannot take (qbXML is XML 1.0).`,
      action: `Remove it from ${odd.field} in the source, then reprocess.`,
    };
  const long = overLimit(d, record.data);
  if (long) {
    const max = limitOf(d, long.field.split('.').pop()!) ?? limitOf(d, 'FullName');
    return {
      code: 'qbd.3070',
      field: long.field,
      message:
        `${d.name} "${label}" was not sent: the string "${long.value}" in the field "${long.field}" ` +
        `is too long for QuickBooks Desktop (${[...long.value].length} characters, at most ${max}).`,
      action: `Shorten ${long.field} in the source, or map a shorter value, then reprocess. Weft never truncates it for you.`,
    };
  }
  return null;
}
