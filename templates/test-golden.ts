// Test support for the golden template tests: a whole Weft on a schema of its
// own, runs of shipped templates through the queue, and a Creatio user's OData
// session to change records the way a person would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootWeft, type Weft } from '../server/boot';
import { callerRunApi } from '../server/cli-http';
import { runOnce, type RunSummary } from '../server/cli-run';
import { testSchema } from '../scripts/test-databases';

export interface Golden {
  weft: Weft;
  close(): Promise<void>;
}

export async function bootGolden(url: string, prefix: string): Promise<Golden> {
  const dir = mkdtempSync(join(tmpdir(), `weft-${prefix}-`));
  const weft = await bootWeft({ dataDir: dir, port: null, databaseUrl: url, pgSchema: testSchema(prefix), log: quiet });
  return {
    weft,
    close: async () => {
      await weft.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One run of a shipped template (as `weft run <template id>` does). */
export function runTemplate(weft: Weft, id: string): Promise<RunSummary> {
  return runOnce(callerRunApi(weft.services), { kind: 'id', id });
}

/** Per-node `created` / `updated` counters of a run. */
export async function sinkCounts(weft: Weft, runId: string, nodeId: string) {
  const run = await weft.services.runs.getRun('default', runId);
  return run!.nodes.find((n) => n.id === nodeId)!;
}

export const node = (s: RunSummary, id: string) => s.nodes.find((n) => n.id === id)!;

/**
 * The time of a person's edit in the Desktop company file after Weft last read the record: this
 * second, or the one after the record's last save when a test gets there within one second, so the
 * edit has a later TimeModified as most edits do. An edit within the second Weft read the record in
 * (same TimeModified, new EditSequence) has its own tests: qbd-dst.test.ts and the customers → accounts template.
 */
export const laterSecond = (lastSaved: number) => Math.max(Math.floor(Date.now() / 1000) * 1000, lastSaved + 1000);

/** A signed-in Creatio OData session against the sandbox, as a browser user would have. */
export async function creatioSession(weft: Weft) {
  const c = weft.sandboxes!.creatio;
  const login = await fetch(`${c.baseUrl}/ServiceModel/AuthService.svc/Login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ UserName: c.username, UserPassword: c.password }),
  });
  const cookies = login.headers.getSetCookie().map((x) => x.split(';')[0]);
  const headers = {
    Cookie: cookies.join('; '),
    BPMCSRF: cookies.find((x) => x.startsWith('BPMCSRF='))!.slice(8),
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  return {
    async get<T = Record<string, unknown>>(path: string): Promise<T[]> {
      const r = await fetch(`${c.baseUrl}/0/odata/${path}`, { headers });
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { value: T[] }).value;
    },
    async post(path: string, body: Record<string, unknown>): Promise<number> {
      return (await fetch(`${c.baseUrl}/0/odata/${path}`, { method: 'POST', headers, body: JSON.stringify(body) }))
        .status;
    },
    async delete(path: string): Promise<number> {
      return (await fetch(`${c.baseUrl}/0/odata/${path}`, { method: 'DELETE', headers })).status;
    },
    async patch(path: string, body: Record<string, unknown>): Promise<number> {
      return (await fetch(`${c.baseUrl}/0/odata/${path}`, { method: 'PATCH', headers, body: JSON.stringify(body) }))
        .status;
    },
  };
}

export const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
