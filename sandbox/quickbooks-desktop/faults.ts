// Fault injection for the Web Connector simulator: the failures the old ODBC
// service and real Web Connector setups meet (seed §7.2, reference C4).
export type QbdFaultKind =
  /** QuickBooks shows a modal dialog: the request set comes back as HRESULT 0x80040414 (receiveResponseXML). */
  | 'modal-dialog'
  /** The company file is open in single-user mode by someone else: connectionError 0x80040410. */
  | 'single-user-mode'
  /** QuickBooks is not running and cannot be started: connectionError 0x80040408. */
  | 'not-running'
  /** The network drops after QuickBooks did the work, before receiveResponseXML: the session is abandoned. */
  | 'drop-mid-session'
  /** The answer is cut short: receiveResponseXML gets XML that does not parse. */
  | 'malformed-response';

export interface FaultRule {
  kind: QbdFaultKind;
  /** How many times it fires (default 1). */
  times?: number;
  /** Chances to let pass before it fires (e.g. 1 = the second request set). */
  skip?: number;
  /** Fires only on a request set whose qbXML matches (e.g. /<CustomerModRq/); others do not count. */
  onlyIf?: RegExp;
}

export const FAULT_HRESULTS: Record<QbdFaultKind, { hresult: string; message: string } | null> = {
  'modal-dialog': {
    hresult: '0x80040414',
    message:
      'A modal dialog box is showing in the QuickBooks user interface. Your application cannot access QuickBooks until the user dismisses the dialog box.',
  },
  'single-user-mode': {
    hresult: '0x80040410',
    message:
      'The QuickBooks company data file is currently open in a mode other than the one specified by your application.',
  },
  'not-running': { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
  'drop-mid-session': null,
  'malformed-response': null,
};

export class QbdFaults {
  private rules: FaultRule[] = [];
  inject(rule: FaultRule): void {
    this.rules.push({ times: 1, ...rule });
  }
  clear(): void {
    this.rules = [];
  }
  /** Consumes one firing of the fault if armed. */
  take(kind: QbdFaultKind, requestSet?: string): boolean {
    const r = this.rules.find(
      (x) =>
        x.kind === kind && (x.times ?? 1) > 0 && (!x.onlyIf || (requestSet !== undefined && x.onlyIf.test(requestSet))),
    );
    if (!r) return false;
    if ((r.skip ?? 0) > 0) {
      r.skip = r.skip! - 1;
      return false;
    }
    r.times = (r.times ?? 1) - 1;
    return true;
  }
  armed(kind: QbdFaultKind): boolean {
    return this.rules.some((x) => x.kind === kind && (x.times ?? 1) > 0);
  }
}
