// `/metrics` in Prometheus text format, for one workspace: the bearer token
// (created by a workspace admin) says which; without a valid one, nothing.
import type express from 'express';
import type pg from 'pg';
import type { AccountStore } from '../auth/account-store';

export function metricsHandler(accounts: AccountStore, pool: pg.Pool) {
  return async (req: express.Request, res: express.Response): Promise<void> => {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const token = bearer ? accounts.token(bearer) : null;
    if (!token || token.kind !== 'metrics') {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .type('text/plain')
        .send('A metrics token is needed. A workspace admin creates one in Weft.\n');
      return;
    }
    const ws = token.workspaceId;
    const runs = await pool.query(
      `SELECT status, count(*)::int AS n FROM weft_runs WHERE workspace_id = $1 GROUP BY status ORDER BY status`,
      [ws],
    );
    const failed = await pool.query(
      `SELECT count(*)::int AS n FROM weft_failures f JOIN weft_runs r ON r.id = f.run_id WHERE r.workspace_id = $1`,
      [ws],
    );
    const lines = [
      '# HELP weft_runs_total Runs of this workspace by status.',
      '# TYPE weft_runs_total counter',
      ...runs.rows.map((r) => `weft_runs_total{workspace="${label(ws)}",status="${label(r.status)}"} ${r.n}`),
      '# HELP weft_failed_records_total Failed records of this workspace.',
      '# TYPE weft_failed_records_total counter',
      `weft_failed_records_total{workspace="${label(ws)}"} ${failed.rows[0].n}`,
    ];
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/plain; version=0.0.4').send(lines.join('\n') + '\n');
  };
}

function label(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
