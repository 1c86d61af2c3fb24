// What support reads when QuickBooks refuses a record: the sentence (what and
// why) comes from QboError; here we add the field and what to do next, with the
// record's own name in it, keyed by Intuit error code (reference B9).
import type { RecordFailure } from '../../define-node';
import type { QboError } from './qbo-error';

/** QuickBooks entity names in plain words: SalesReceipt → "sales receipt", JournalEntry → "journal entry". */
const entityWord = (entity: string): string => entity.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function action(err: QboError, entity: string, name: string | undefined): string {
  const what = name ? `"${name}"` : `this ${entityWord(entity)}`;
  const m = /Max:(\d+)\s+supplied:(\d+)/i.exec(err.detail);
  switch (err.code) {
    case '6240':
      return ['Customer', 'Vendor', 'Employee'].includes(entity)
        ? `A customer, vendor or employee named ${what} already exists in QuickBooks. Bind the record to it, or rename it.`
        : `Another ${entityWord(entity)} named ${what} already exists in QuickBooks. Bind the record to it, or rename it.`;
    case '2050':
      return (
        `Shorten ${err.element ?? 'the field'} of ${what}${m ? ` to at most ${m[1]} characters` : ''} ` +
        `in the source, or map a shorter value, then reprocess. Weft never truncates it for you.`
      );
    case '2040':
      return `Remove colons, tabs and line breaks from ${err.element ?? 'the name'} of ${what} (QuickBooks uses ":" for sub-customers), then reprocess.`;
    case '2020':
    case '6080':
      return `Fill in ${err.element ?? 'the required field'} for ${what} (in the source or the mapping), then reprocess.`;
    case '2010':
      return `Remove or rename ${err.element ?? 'the field'} in the mapping: QuickBooks has no such field on ${entity}.`;
    case '2500':
    case '610':
      return `Check the reference of ${what}: the linked record is missing or inactive in QuickBooks. Reactivate it or fix the mapping, then reprocess.`;
    case '5010':
      return `${what} was changed in QuickBooks while Weft was updating it. Reprocess to apply the change on top of the current version.`;
    case '6070':
      return `Make each line's Amount equal quantity × unit price for ${what}, then reprocess.`;
    case '6140':
    case '6210':
      return `Use a different document number for ${what}, or let QuickBooks number it.`;
    case '3200':
    case 'invalid_grant':
    case 'refresh-lost':
    case 'save-failed':
      return 'Reconnect QuickBooks in Connections (sign in again), then reprocess the failed records.';
    case '100':
    case '120':
    case '3100':
      return 'The connection signs in to a different QuickBooks company than its company id says. Reconnect it to the right company.';
    default:
      if (err.kind === 'throttle')
        return 'QuickBooks is limiting requests for this company. Reprocess later; Weft already waited and retried.';
      if (err.kind === 'network' || err.kind === 'server')
        return 'QuickBooks could not be reached or failed. Reprocess later; if it persists, check status.developer.intuit.com.';
      return `Correct ${err.element ?? 'the record'} of ${what} as the message says, then reprocess.`;
  }
}

export function qboFailure(err: QboError, entity: string, name?: string): RecordFailure {
  const connection = err.kind === 'auth' || err.kind === 'network' || err.kind === 'throttle' || err.kind === 'server';
  return {
    code: `qbo.${err.code}`,
    message: name ? `${err.message.replace(/\.$/, '')} — ${entity} "${name}".` : err.message,
    ...(err.element ? { field: err.element } : {}),
    action: action(err, entity, name),
    ...(connection ? { connection: true } : {}),
  };
}

/** Anything thrown that is not a QboError (a bug, a bad setting): fail the records, keep the message. */
export function unexpectedFailure(e: unknown): RecordFailure {
  return {
    code: 'weft.qbo.unexpected',
    message: `Unexpected error talking to QuickBooks: ${(e as Error)?.message ?? String(e)}`,
    action: 'Report this to support with the run id.',
  };
}
