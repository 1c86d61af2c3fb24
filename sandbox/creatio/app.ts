// The express app of the Creatio simulator: login, OData 4 at `/0/odata`
// (.NET Framework) and `/odata` (.NET Core), and the `/__sandbox` control routes.
import express, { type Response } from 'express';
import { AuthState } from './auth';
import { Faults, faultConfigSchema } from './faults';
import { dispatch } from './odata-service';
import { SUPERVISOR_CONTACT_ID, seedDemo, type SeedOptions } from './seed';
import { createTables, dropAll, tickingClock, type Db } from './store';
import { aspNetError, odataError, type SimResponse } from './wire-errors';

export interface CreatioAppOptions {
  db: Db;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** Sliding session lifetime (default 20 minutes, ASP.NET forms default). */
  sessionTtlMs?: number;
  tokenTtlMs?: number;
  seed?: SeedOptions;
  /** Accept unknown PATCH properties silently, like build 858 (A7). */
  lenientPatch?: boolean;
  /** Cap page size and send `@odata.nextLink` (not real Creatio behaviour; off by default). */
  maxPageSize?: number;
  now?: () => number;
}

export const DEMO_CREDENTIALS = {
  username: 'Supervisor',
  password: 'Supervisor1!',
  clientId: 'weft-sandbox',
  clientSecret: 'weft-sandbox-secret',
};

export interface CreatioApp {
  app: express.Express;
  faults: Faults;
  auth: AuthState;
  /** Drop all data, reseed the same demo company, clear faults. Sessions stay valid. */
  reset(): void;
  /** Write requests served since start (a dry run's test reads it: nothing written means 0 more). */
  stats: { writes: number };
}

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

export function createCreatioApp(opts: CreatioAppOptions): CreatioApp {
  const now = opts.now ?? Date.now;
  const creds = { ...DEMO_CREDENTIALS, ...strip(opts) };
  const auth = new AuthState({
    ...creds,
    sessionTtlMs: opts.sessionTtlMs ?? 20 * 60_000,
    tokenTtlMs: opts.tokenTtlMs ?? 3_600_000,
    now,
  });
  const faults = new Faults();
  const stats = { writes: 0 };
  const stamp = tickingClock(now);
  const reset = () => {
    dropAll(opts.db);
    createTables(opts.db);
    seedDemo(opts.db, opts.seed);
    faults.clear();
  };

  const app = express();
  app.disable('x-powered-by');
  // Raw text, parsed by hand: byte-exact bodies and OData-style errors on bad JSON.
  app.use(express.text({ type: () => true, limit: '20mb' }));

  app.post('/ServiceModel/AuthService.svc/Login', (req, res) => {
    const r = auth.login(safeJson(req.body));
    for (const c of r.cookies) res.append('Set-Cookie', c);
    res.status(200).json(r.body);
  });

  // No /connect/token here: the Identity Service is a host of its own (identity-service.ts).

  app.get('/__sandbox/stats', (_req, res) => void res.json(stats));
  app.get('/__sandbox/faults', (_req, res) => void res.json({ config: faults.get(), injected: faults.injected }));
  app.post('/__sandbox/faults', (req, res) => {
    const parsed = faultConfigSchema.safeParse(safeJson(req.body));
    if (!parsed.success)
      return void res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    faults.set(parsed.data);
    res.status(204).end();
  });
  app.post('/__sandbox/reset', (_req, res) => {
    reset();
    res.status(204).end();
  });

  app.use(async (req, res, next) => {
    const m = /^(\/0\/odata|\/odata)(?:\/(.*))?$/.exec(req.path);
    if (!m) return next();
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fault = faults.draw();
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'error503') {
      return void res
        .status(503)
        .type('text/html')
        .send(
          '<html><body><h1>Service Unavailable</h1><p>HTTP Error 503. The service is unavailable.</p></body></html>',
        );
    }
    if (fault === 'error429')
      return void send(res, {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { Message: 'Too many requests. Try again later.' },
      });
    if (fault === 'error500')
      return void send(
        res,
        aspNetError('Object reference not set to an instance of an object.', 'System.NullReferenceException').response,
      );
    if (fault === 'expiredSession') auth.expire(req.headers);
    const denied = auth.check(req.headers);
    if (denied) return void send(res, denied.response);

    const prefix = m[1];
    let path: string;
    try {
      path = decodeURIComponent(m[2] ?? '');
    } catch {
      return void send(
        res,
        odataError(400, `The request URI '${req.originalUrl}' is not valid: bad percent-encoding.`).response,
      );
    }
    const serviceRoot = `${req.protocol}://${req.get('host')}${prefix}`;
    const q = req.originalUrl.indexOf('?');
    let body: unknown;
    if (typeof req.body === 'string' && req.body.length > 0) {
      try {
        body = JSON.parse(req.body);
      } catch {
        return void send(res, odataError(400, 'The request body is not valid JSON.').response);
      }
    }
    const result = dispatch(
      {
        db: opts.db,
        serviceRoot,
        stamp,
        userContactId: SUPERVISOR_CONTACT_ID,
        lenientPatch: opts.lenientPatch,
        maxPageSize: opts.maxPageSize,
        stats,
      },
      {
        method: req.method,
        path: path.replace(/\/$/, ''),
        query: new URLSearchParams(q >= 0 ? req.originalUrl.slice(q + 1) : ''),
        body,
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
        ),
        url: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
      },
    );
    send(res, result);
  });

  return { app, faults, auth, reset, stats };
}

function send(res: Response, r: SimResponse): void {
  res.status(r.status);
  res.setHeader('OData-Version', '4.0');
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (r.body === undefined) return void res.end();
  if (typeof r.body === 'string') return void res.send(r.body);
  res.setHeader(
    'content-type',
    'error' in (r.body as object) || !('Message' in (r.body as object)) ? JSON_TYPE : 'application/json; charset=utf-8',
  );
  res.send(JSON.stringify(r.body));
}

function safeJson(text: unknown): unknown {
  try {
    return typeof text === 'string' && text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

function strip(o: CreatioAppOptions): Partial<typeof DEMO_CREDENTIALS> {
  const out: Partial<typeof DEMO_CREDENTIALS> = {};
  for (const k of Object.keys(DEMO_CREDENTIALS) as (keyof typeof DEMO_CREDENTIALS)[]) if (o[k]) out[k] = o[k];
  return out;
}
