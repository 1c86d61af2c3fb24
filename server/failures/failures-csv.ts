// Failed records as CSV for correction (issue 16): streamed page by page to the response,
// never built in memory. One row per record: where and why it failed, the catalogue's action,
// then the record's fields (flattened, `PrimaryPhone.FreeFormNumber`), then the whole record as
// JSON for fields the first page did not show. Cells a spreadsheet would run as a formula
// (= + - @ at the start) are written with a leading apostrophe (OWASP "CSV injection").
import type express from 'express';
import { entryFor } from '../../nodes/errors/catalogue';
import type { QueuedFailure } from '../../engine';
import type { Services } from '../services';
import { roleCan } from '../auth/roles';
import type { QueueQuery } from './failure-service';

const FIXED = ['record_key', 'node', 'state', 'code', 'field', 'message', 'what_to_do', 'failures', 'last_failed_at'];

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function flatten(data: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (data && typeof data === 'object' && !Array.isArray(data))
    for (const [k, v] of Object.entries(data)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (prefix) out[prefix] = data;
  return out;
}

/** The CSV text, chunk by chunk (one chunk per page of the queue). */
export async function* failuresCsv(pages: AsyncIterable<QueuedFailure[]>): AsyncGenerator<string> {
  let columns: string[] | null = null;
  for await (const page of pages) {
    if (!columns) {
      const seen = new Set<string>();
      for (const r of page) for (const k of Object.keys(flatten(r.record.data))) seen.add(k);
      columns = [...seen];
      yield [...FIXED, ...columns.map((c) => `data.${c}`), 'record_json'].map(csvCell).join(',') + '\r\n';
    }
    let chunk = '';
    for (const r of page) {
      const data = flatten(r.record.data);
      const action = entryFor(r.failure)?.action ?? r.failure.action ?? '';
      const fixed = [r.recordKey, r.nodeId, r.state, r.failure.code, r.failure.field, r.failure.message, action];
      const cells = [...fixed, r.failures, r.lastFailedAt, ...columns.map((c) => data[c]), r.record.data];
      chunk += cells.map(csvCell).join(',') + '\r\n';
    }
    yield chunk;
  }
  if (!columns) yield FIXED.map(csvCell).join(',') + '\r\n';
}

/** GET /api/failed-records.csv?flowId=…&nodeId=…&code=…&field=…&state=…: signed-in people who may view. */
export function failuresCsvHandler(
  services: Services,
  actorOf: (req: express.Request, res: express.Response) => { userId: string; workspaceId: string } | null,
) {
  return async (req: express.Request, res: express.Response) => {
    const actor = actorOf(req, res);
    const role = actor ? services.accounts.store.roleIn(actor.userId, actor.workspaceId) : null;
    if (!actor || role === null || !roleCan(role, 'view')) {
      res
        .status(actor ? 403 : 401)
        .type('text/plain')
        .send('Sign in to Weft to export failed records.');
      return;
    }
    const str = (k: string) => (typeof req.query[k] === 'string' && req.query[k] ? String(req.query[k]) : null);
    const flowId = str('flowId');
    if (!flowId || !services.failures) {
      res.status(400).type('text/plain').send('Name the flow: ?flowId=…');
      return;
    }
    const state = str('state');
    const q: QueueQuery = {
      flowId,
      nodeId: str('nodeId'),
      code: str('code'),
      field: str('field'),
      ...(state ? { states: state.split(',') as QueueQuery['states'] } : {}),
    };
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="failed-records-${flowId.replace(/[^a-z0-9-]/gi, '')}.csv"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.write('\uFEFF'); // Excel reads UTF-8 (accents, &, quotes) only with the byte-order mark
    try {
      for await (const chunk of failuresCsv(services.failures.pages(actor.workspaceId, q))) {
        if (res.destroyed) return; // the browser hung up: stop reading the queue
        // Back-pressure: wait for the socket when its buffer is full, so memory stays one page.
        if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok));
      }
      res.end();
    } catch (e) {
      // Headers are gone: cut the download short, so a partial file is not mistaken for the whole.
      console.error(`failed-records CSV: ${(e as Error).message}`);
      res.destroy();
    }
  };
}
