// Reading the audit log (who changed, published, started, stopped, retried,
// edited what, when) of one workspace, and exporting it as CSV or JSON.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { auditLog } from './design.table';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown> | null;
}

export function listAudit(
  db: BetterSQLite3Database,
  workspaceId: string,
  opts: { limit: number; beforeId?: number | null },
): AuditEntry[] {
  const where = opts.beforeId
    ? and(eq(auditLog.workspaceId, workspaceId), lt(auditLog.id, opts.beforeId))
    : eq(auditLog.workspaceId, workspaceId);
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      subject: auditLog.subject,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit)
    .all();
}

export function auditCsv(entries: AuditEntry[]): string {
  const head = ['id', 'at', 'actor', 'action', 'subject', 'detail'];
  const rows = entries.map((e) =>
    [String(e.id), e.at, e.actor, e.action, e.subject, e.detail ? JSON.stringify(e.detail) : ''].map(csvCell).join(','),
  );
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula (OWASP CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
