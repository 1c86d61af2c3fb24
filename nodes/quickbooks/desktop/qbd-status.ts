// QuickBooks Desktop status codes and HRESULTs in plain words for support
// (reference C4). A statusCode comes per request inside the response; an HRESULT
// means QuickBooks itself threw (connectionError, or receiveResponseXML with an
// empty response) and concerns the whole company file, not one record.
import type { RecordFailure } from '../../define-node';
import type { QbdRs } from './qbxml-parse';

/** Codes worth retrying as they are: another user or process held the record (C4: 3170, 3175, 3176). */
export const RETRYABLE = new Set([3170, 3175, 3176]);
/** 1 = "no match" (Info) and 500 = some objects not found (Warn): data, not failures (pitfall 8). */
export const isOk = (rs: QbdRs) =>
  rs.statusCode === 0 || rs.statusCode === 1 || rs.statusCode === 500 || rs.statusSeverity !== 'Error';

function quoted(message: string): string | undefined {
  return /"([^"]*)"/.exec(message)?.[1];
}

/** What support reads when QuickBooks Desktop refuses one record. */
export function statusFailure(rs: QbdRs, what: string, label?: string): RecordFailure {
  const named = label ? `${what} "${label}"` : what;
  const base = {
    code: `qbd.${rs.statusCode}`,
    message: `QuickBooks Desktop refused ${named}: ${rs.statusMessage || `status ${rs.statusCode}`}`,
  };
  switch (rs.statusCode) {
    case 3100:
      return {
        ...base,
        field: 'Name',
        message:
          `QuickBooks Desktop already has a list entry named "${quoted(rs.statusMessage) ?? label}" (names ` +
          `are unique across customers, vendors, employees and other names).`,
        action: `Bind ${named} to the existing QuickBooks entry (set the binding node to match on Name), or rename one of them, then reprocess.`,
      };
    case 3140:
      return {
        ...base,
        action:
          `The record points to something missing in QuickBooks (${quoted(rs.statusMessage) ?? 'a list entry'}). ` +
          `Create it in QuickBooks or fix the mapping, then reprocess.`,
      };
    case 3070:
      return {
        ...base,
        action: `Shorten the field the message names for ${named} in the source, or map a shorter value, then reprocess. Weft never truncates it for you.`,
      };
    case 3120:
      return {
        ...base,
        action:
          `The QuickBooks record ${named} points to was deleted or merged. Remove the binding so it ` +
          `is created again, or bind it to the right record, then reprocess.`,
      };
    case 3200:
      return {
        ...base,
        action: `${named} kept changing in QuickBooks while Weft updated it. Reprocess to apply the change on top of the current version.`,
      };
    case 3170:
    case 3175:
    case 3176:
      return {
        ...base,
        connection: true,
        action:
          'Someone in QuickBooks is editing this record (or the list is locked). Weft retried; reprocess once they are done.',
      };
    case 3180:
      return {
        ...base,
        action: `QuickBooks could not save ${named}; the reason is after "QuickBooks error message:". Correct it, then reprocess.`,
      };
    case 3210:
      return {
        ...base,
        action: `A value of ${named} breaks a QuickBooks rule (the message names the field). Correct it, then reprocess.`,
      };
    case 3250:
    case 3260:
      return {
        ...base,
        connection: true,
        action:
          "Turn the feature on in QuickBooks (Edit → Preferences) or give the Web Connector's QuickBooks user the permission, then reprocess.",
      };
    default:
      return { ...base, action: `Correct ${named} as the message says, then reprocess.` };
  }
}

export interface HresultInfo {
  /** Shown in the Web Connector (getLastError) and on the node. */
  message: string;
  /** Flows for this company file wait until an operator does something. */
  pause: boolean;
}

const HRESULTS: Record<string, HresultInfo> = {
  '0x80040408': {
    pause: true,
    message:
      "QuickBooks could not be started on the Web Connector's computer. Open QuickBooks with the company file, then let the Web Connector update again.",
  },
  '0x80040414': {
    pause: true,
    message:
      'QuickBooks has a dialog box open, so it cannot answer. Someone at the QuickBooks computer ' +
      'must close the dialog; Weft resumes on the next Web Connector update.',
  },
  '0x80040400': {
    pause: false,
    message:
      'QuickBooks could not read a request Weft sent (XML parse error). Weft sends the requests of that set one at a time to find the one it refuses.',
  },
  '0x8004040a': {
    pause: true,
    message:
      'A different company file is open in QuickBooks. Open the company file this connection is for, or close QuickBooks so the Web Connector can open it.',
  },
  '0x8004041a': {
    pause: true,
    message:
      'This company file does not allow Weft in. In QuickBooks, Edit → Preferences → Integrated Applications, allow the Weft application, then update again.',
  },
  '0x8004040d': {
    pause: false,
    message: 'The Web Connector session expired. Weft starts a new one on the next update.',
  },
  '0x80040410': {
    pause: true,
    message:
      'The company file is open in single-user mode (or another mode than the Web Connector asked ' +
      'for). Switch QuickBooks to multi-user mode, or close it, then update again.',
  },
  '0x80040416': {
    pause: true,
    message:
      'The company file is not open and the Web Connector may not open it. Open it in QuickBooks, then update again.',
  },
  '0x80040417': {
    pause: true,
    message:
      'No company file is open and the Web Connector does not know which one to open. Open the company file in QuickBooks, then update again.',
  },
  '0x80040420': {
    pause: true,
    message:
      'The QuickBooks user refused Weft access to the company file. Allow it under Edit → Preferences → Integrated Applications.',
  },
};

export function normalizeHresult(h: string): string {
  const t = h.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return `0x${t.slice(2).padStart(8, '0')}`;
  // The Web Connector also reports HRESULTs as signed decimals (e.g. -2147220460).
  if (/^-?\d+$/.test(t)) return `0x${(Number(t) >>> 0).toString(16).padStart(8, '0')}`;
  return t;
}

/** A plain-words account of an HRESULT, with QuickBooks' own message kept for support. */
export function describeHresult(hresult: string, qbMessage = ''): HresultInfo & { hresult: string } {
  const h = normalizeHresult(hresult);
  const known = HRESULTS[h];
  const detail = qbMessage.trim() ? ` (QuickBooks said: ${qbMessage.trim()})` : '';
  if (known) return { hresult: h, pause: known.pause, message: `${known.message}${detail}` };
  return {
    hresult: h,
    pause: false,
    message: `QuickBooks reported error ${h}${detail}. Weft tries again on the next Web Connector update.`,
  };
}

/** A record that could not be carried because of an HRESULT: the connection, not the record, is at fault. */
export function hresultFailure(hresult: string, qbMessage: string): RecordFailure {
  const d = describeHresult(hresult, qbMessage);
  return {
    code: `qbd.${d.hresult}`,
    message: d.message,
    connection: d.hresult !== '0x80040400',
    action: d.pause
      ? 'Fix it on the QuickBooks computer as the message says; the records wait in the outbox and go on the next update.'
      : 'Reprocess; if it repeats, send the run id to support.',
  };
}
