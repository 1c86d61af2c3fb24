import { describe, expect, it } from 'vitest';
import type { QbdRs } from './qbxml-parse';
import { describeHresult, hresultFailure, isOk, normalizeHresult, RETRYABLE, statusFailure } from './qbd-status';

const rs = (statusCode: number, statusMessage: string, statusSeverity: QbdRs['statusSeverity'] = 'Error'): QbdRs => ({
  name: 'CustomerAddRs',
  requestID: '1',
  statusCode,
  statusSeverity,
  statusMessage,
  rets: [],
});

describe('status codes in plain words', () => {
  it('3100: the name is taken → suggests binding to the existing entry', () => {
    const f = statusFailure(
      rs(3100, 'The name "Acme Inc" of the list element is already in use.'),
      'customer',
      'Acme Inc',
    );
    expect(f).toMatchObject({ code: 'qbd.3100', field: 'Name' });
    expect(f.message).toContain('"Acme Inc"');
    expect(f.action).toMatch(/Bind .* to the existing QuickBooks entry/);
    expect(f.connection).toBeUndefined();
  });
  it('3140: an invalid reference names what is missing', () => {
    const f = statusFailure(
      rs(3140, 'There is an invalid reference to QuickBooks Item "Consulting" in the Invoice line.'),
      'invoice',
      '1001',
    );
    expect(f.code).toBe('qbd.3140');
    expect(f.action).toContain('Consulting');
  });
  it('3070: too long → shorten it, never truncated', () => {
    expect(
      statusFailure(rs(3070, 'The string "x" in the field "Name" is too long.'), 'customer', 'x').action,
    ).toContain('never truncates');
  });
  it('3170/3175/3176 are retried and, if they persist, blamed on the connection', () => {
    for (const c of [3170, 3175, 3176]) {
      expect(RETRYABLE.has(c)).toBe(true);
      expect(statusFailure(rs(c, 'This list has been modified by another user.'), 'customer').connection).toBe(true);
    }
  });
  it('3200: stale EditSequence → reprocess on top of the current version', () => {
    expect(statusFailure(rs(3200, 'The provided edit sequence "1" is out-of-date.'), 'customer', 'A').action).toContain(
      'current version',
    );
  });
  it('1 (no match) and 500 (some not found) are answers, not failures', () => {
    expect(isOk(rs(1, 'A query request did not find a matching object in QuickBooks', 'Info'))).toBe(true);
    expect(isOk(rs(500, 'partial', 'Warn'))).toBe(true);
    expect(isOk(rs(3100, 'x'))).toBe(false);
  });
});

describe('HRESULTs in plain words', () => {
  it('0x80040414: a modal dialog pauses the company file and tells the operator what to do', () => {
    const d = describeHresult('0x80040414', 'A modal dialog box is showing in the QuickBooks user interface.');
    expect(d).toMatchObject({ hresult: '0x80040414', pause: true });
    expect(d.message).toMatch(/dialog box open.*close the dialog/);
    expect(d.message).toContain('QuickBooks said: A modal dialog box');
    expect(hresultFailure('0x80040414', '')).toMatchObject({ code: 'qbd.0x80040414', connection: true });
  });
  it('reads HRESULTs as the Web Connector sends them: hex of any case, or signed decimal', () => {
    expect(normalizeHresult('0X80040408')).toBe('0x80040408');
    expect(normalizeHresult('-2147220460')).toBe('0x80040414');
    expect(describeHresult('-2147220472').message).toContain('could not be started');
  });
  it('single-user mode, QuickBooks not running and a parse error each have their own advice', () => {
    expect(describeHresult('0x80040410').message).toContain('multi-user');
    expect(describeHresult('0x80040408').pause).toBe(true);
    expect(describeHresult('0x80040400')).toMatchObject({ pause: false });
    expect(hresultFailure('0x80040400', '').connection).toBe(false);
    expect(describeHresult('0x8004ffff').message).toContain('0x8004ffff');
  });
});
