// The express app of the QuickBooks Online simulator: OAuth, the company API
// behind the bearer check and the throttle, fault injection, and a small
// control surface under /__sandbox.
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { companyRouter } from './api';
import { QboFaults, type FaultRule, type RateFaultConfig } from './faults';
import { issueTokens, oauthRouter, requireBearer, type OAuthConfig } from './oauth';
import { seedRealm, type SeedOptions } from './seed';
import { QboStore, type RealmInfo } from './store';
import { REAL_LIMITS, RealmThrottle, type ThrottleLimits } from './throttle';
import { fault, QboFault, sendFault, sendThrottled, serverFault } from './wire-errors';

export interface QboAppOptions {
  dbPath?: string;
  seed?: SeedOptions;
  /** `false` turns throttling off; otherwise real limits, each overridable (windowMs for tests). */
  limits?: false | Partial<ThrottleLimits>;
  accessTokenTtlMs?: number;
  refreshGraceMs?: number;
  /** How many companies (realms); the first carries the demo customers. Default 2. */
  realms?: number;
  clientId?: string;
  clientSecret?: string;
  now?: () => number;
}

export interface QboSandboxStats { requests: number; throttled: number; tokenRequests: number; writes: number }

export interface QboApp {
  app: express.Express;
  store: QboStore;
  faults: QboFaults;
  stats: QboSandboxStats;
  realms: RealmInfo[];
  clientId: string;
  clientSecret: string;
  /** The starting refresh token of each realm (deterministic: `rt-sandbox-<realmId>`). */
  refreshTokens: Record<string, string>;
  reset(): void;
}

const REALMS: RealmInfo[] = [
  { id: '9341453050000001', name: 'Weft Demo Company', timeZone: 'America/Los_Angeles' },
  { id: '9341453050000002', name: 'Weft Second Company', timeZone: 'America/Denver' },
  { id: '9341453050000003', name: 'Weft Third Company', timeZone: 'America/New_York' },
];

export function createQboApp(opts: QboAppOptions = {}): QboApp {
  const now = opts.now ?? Date.now;
  const store = new QboStore(opts.dbPath ?? ':memory:');
  const realms = REALMS.slice(0, Math.max(1, Math.min(REALMS.length, opts.realms ?? 2)));
  const stats: QboSandboxStats = { requests: 0, throttled: 0, tokenRequests: 0, writes: 0 };
  const cfg: OAuthConfig = {
    clientId: opts.clientId ?? 'weft-sandbox-client', clientSecret: opts.clientSecret ?? 'weft-sandbox-secret',
    accessTokenTtlMs: opts.accessTokenTtlMs ?? 3_600_000, refreshGraceMs: opts.refreshGraceMs ?? 60_000,
    defaultRealm: () => realms[0].id, now,
  };
  const throttle = new RealmThrottle(opts.limits === false ? false : { ...REAL_LIMITS, ...opts.limits }, now);
  const faults = new QboFaults(() => store.expireAccessTokens(now()));
  const refreshTokens = Object.fromEntries(realms.map((r) => [r.id, `rt-sandbox-${r.id}`]));

  const reset = () => {
    store.transaction(() => {
      store.wipe();
      realms.forEach((r, i) => {
        store.addRealm(r);
        seedRealm(store, r, { ...opts.seed, demo: i === 0, multiCurrency: i === 1 });
        store.addRefreshToken(refreshTokens[r.id], r.id, now());
      });
    });
    throttle.reset();
    faults.clear();
    Object.assign(stats, { requests: 0, throttled: 0, tokenRequests: 0, writes: 0 });
  };
  // A file database keeps its state (and rotated tokens) across restarts.
  if (!store.realms().length) reset();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => { res.set('intuit_tid', randomUUID()); next(); });
  app.post('/__sandbox/reset', (_req, res) => { reset(); res.json({ ok: true }); });
  app.post('/__sandbox/faults', express.json(), (req, res) => {
    // Either rules ({ kind, … } or { rules: [...] }, optional { clear, expireAccessTokens })
    // or the Creatio sandbox's rate shape ({ latencyMs, error503: { rate, count }, … }).
    const body = (req.body ?? {}) as { clear?: boolean; expireAccessTokens?: boolean; rules?: FaultRule[] } & Partial<FaultRule> & RateFaultConfig;
    if (['latencyMs', 'error500', 'error503', 'error429', 'drop', 'expiredSession'].some((k) => k in body)) faults.setRates(body);
    if (body.clear) faults.clear();
    if (body.expireAccessTokens) faults.expireAccessTokens();
    for (const rule of body.rules ?? (body.kind ? [body as FaultRule] : [])) faults.add(rule);
    res.json({ faults: faults.list(), injected: faults.injected });
  });
  app.get('/__sandbox/faults', (_req, res) => { res.json({ faults: faults.list(), injected: faults.injected }); });
  app.get('/__sandbox/stats', (_req, res) => { res.json(stats); });
  /** Mint tokens for a realm without the browser dance (tests, `npm start` wiring). */
  app.post('/__sandbox/tokens/:realmId', (req, res) => {
    if (!store.realm(req.params.realmId)) { res.status(404).json({ error: `unknown realm ${req.params.realmId}` }); return; }
    res.json(issueTokens(store, cfg, req.params.realmId));
  });

  app.use(faults.middleware(() => realms[0].timeZone, 'outer'));
  app.use(oauthRouter(store, cfg, stats));

  const company = express.Router({ mergeParams: true });
  company.use(requireBearer(store, cfg));
  company.use((req: Request, res: Response, next: NextFunction) => {
    const realm = store.realm(String(req.params.realmId))!;
    stats.requests++;
    const release = throttle.admit(realm.id, req.path === '/batch');
    if (!release) { stats.throttled++; sendThrottled(res, realm.timeZone); return; }
    res.on('finish', release);
    res.on('close', release);
    next();
  });
  company.use(faults.middleware(() => realms[0].timeZone, 'company'));
  company.use(companyRouter({ store, now, stats }));
  app.use('/v3/company/:realmId', company);

  app.use((req, res) => { sendFault(res, fault('500', 'Unsupported Operation', `Operation ${req.method} ${req.path} is not supported`), realms[0].timeZone); });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const tz = store.realm(String(req.params?.realmId ?? ''))?.timeZone ?? realms[0].timeZone;
    if (err instanceof QboFault) return sendFault(res, err, tz);
    const e = err as { type?: string; message?: string };
    if (e?.type === 'entity.parse.failed') return sendFault(res, fault('2010', 'Request has invalid or unsupported property', `Error parsing object: ${e.message ?? 'invalid JSON'}`), tz);
    console.error('[qbo sandbox]', err);
    sendFault(res, serverFault(500), tz);
  });
  return { app, store, faults, stats, realms, clientId: cfg.clientId, clientSecret: cfg.clientSecret, refreshTokens, reset };
}
