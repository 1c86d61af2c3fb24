// The audit log's CSV export: one row per entry, quoted as RFC 4180 says, and
// cells a spreadsheet would run as a formula neutralised (OWASP CSV injection).
import { describe, expect, it } from 'vitest';
import { auditCsv } from './audit-log';

describe('audit CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const csv = auditCsv([
      {
        id: 2,
        at: '2026-01-02T03:04:05.000Z',
        actor: 'ann@x.test',
        action: 'flow.publish',
        subject: 'f-1',
        detail: { version: 3, notes: 'a, "b"\nc' },
      },
      {
        id: 1,
        at: '2026-01-01T00:00:00.000Z',
        actor: 'bo@x.test',
        action: 'flow.save',
        subject: '=HYPERLINK("http://evil")',
        detail: null,
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'id,at,actor,action,subject,detail',
      '2,2026-01-02T03:04:05.000Z,ann@x.test,flow.publish,f-1,"{""version"":3,""notes"":""a, \\""b\\""\\nc""}"',
      `1,2026-01-01T00:00:00.000Z,bo@x.test,flow.save,"'=HYPERLINK(""http://evil"")",`,
      '',
    ]);
  });
});
