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
import { prng } from '../demo-data';
import { fault, QboFault, sendFault, sendThrottled, serverFault } from './wire-errors';

export interface QboAppOptions {
  dbPath?: string;
  seed?: SeedOptions;
  /** `false` turns throttling off; otherwise real limits, each overridable (windowMs for tests). */
  limits?: false | Partial<ThrottleLimits>;
  accessTokenTtlMs?: number;
  /** How long a refresh token keeps its value before a refresh rotates it (default a day; 0 = every refresh). */
  refreshRotateMs?: number;
  /** How long a rotated-away refresh token still works (default 0: Intuit documents no such grace). */
  refreshGraceMs?: number;
  /** How many companies (realms); the first carries the demo customers. Default 2. */
  realms?: number;
  clientId?: string;
  clientSecret?: string;
  /** Other apps (client ids) that may connect to the same companies; each has its own per-app limits. */
  otherApps?: SandboxApp[];
  /** Answer batch items in a seeded random order, as QuickBooks may (default true). */
  shuffleBatch?: boolean;
  now?: () => number;
}

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
}
/** A second app on the same companies, so tests can show that limits are per realm *and* app. */
export const OTHER_APP: SandboxApp = { clientId: 'weft-sandbox-other-app', clientSecret: 'weft-sandbox-other-secret' };

export interface QboSandboxStats {
  requests: number;
  throttled: number;
  tokenRequests: number;
  writes: number;
}

export interface QboApp {
  app: express.Express;
  store: QboStore;
  faults: QboFaults;
  stats: QboSandboxStats;
  realms: RealmInfo[];
  clientId: string;
  clientSecret: string;
  /** Every app the token endpoint knows, the first (clientId) included. */
  apps: SandboxApp[];
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
  // Past the three named companies (a hosting provider's bench: hundreds of companies), plain numbered ones.
  const count = Math.max(1, opts.realms ?? 2);
  const realms = [
    ...REALMS.slice(0, count),
    ...Array.from({ length: Math.max(0, count - REALMS.length) }, (_, i) => ({
      id: `93414530510${String(i + 1).padStart(5, '0')}`,
      name: `Hosted Company ${i + 4}`,
      timeZone: 'America/Chicago',
    })),
  ];
  const stats: QboSandboxStats = { requests: 0, throttled: 0, tokenRequests: 0, writes: 0 };
  const first: SandboxApp = {
    clientId: opts.clientId ?? 'weft-sandbox-client',
    clientSecret: opts.clientSecret ?? 'weft-sandbox-secret',
  };
  const apps = [first, ...(opts.otherApps ?? [OTHER_APP])];
  const cfg: OAuthConfig = {
    ...first,
    apps: new Map(apps.map((a) => [a.clientId, a.clientSecret])),
    accessTokenTtlMs: opts.accessTokenTtlMs ?? 3_600_000,
    refreshRotateMs: opts.refreshRotateMs ?? 86_400_000,
    refreshGraceMs: opts.refreshGraceMs ?? 0,
    defaultRealm: () => realms[0].id,
    now,
  };
  const batchOrder = { random: prng(7) };
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
    batchOrder.random = prng(7);
    Object.assign(stats, { requests: 0, throttled: 0, tokenRequests: 0, writes: 0 });
  };
  // A file database keeps its state (and rotated tokens) across restarts.
  if (!store.realms().length) reset();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set('intuit_tid', randomUUID());
    next();
  });
  app.post('/__sandbox/reset', (_req, res) => {
    reset();
    res.json({ ok: true });
  });
  app.post('/__sandbox/faults', express.json(), (req, res) => {
    // Either rules ({ kind, … } or { rules: [...] }, optional { clear, expireAccessTokens })
    // or the Creatio sandbox's rate shape ({ latencyMs, error503: { rate, count }, … }).
    const body = (req.body ?? {}) as {
      clear?: boolean;
      expireAccessTokens?: boolean;
      rules?: FaultRule[];
    } & Partial<FaultRule> &
      RateFaultConfig;
    if (['latencyMs', 'error500', 'error503', 'error429', 'drop', 'expiredSession'].some((k) => k in body))
      faults.setRates(body);
    if (body.clear) faults.clear();
    if (body.expireAccessTokens) faults.expireAccessTokens();
    for (const rule of body.rules ?? (body.kind ? [body as FaultRule] : [])) faults.add(rule);
    res.json({ faults: faults.list(), injected: faults.injected });
  });
  app.get('/__sandbox/faults', (_req, res) => {
    res.json({ faults: faults.list(), injected: faults.injected });
  });
  app.get('/__sandbox/stats', (_req, res) => {
    res.json(stats);
  });
  /** Mint tokens for a realm without the browser dance (tests, `npm start` wiring); `?clientId=` for another app. */
  app.post('/__sandbox/tokens/:realmId', (req, res) => {
    if (!store.realm(req.params.realmId)) {
      res.status(404).json({ error: `unknown realm ${req.params.realmId}` });
      return;
    }
    const client = typeof req.query.clientId === 'string' ? req.query.clientId : cfg.clientId;
    if (!cfg.apps.has(client)) {
      res.status(404).json({ error: `unknown app ${client}` });
      return;
    }
    res.json(issueTokens(store, cfg, req.params.realmId, client === cfg.clientId ? null : client));
  });

  app.use(faults.middleware(() => realms[0].timeZone, 'outer'));
  app.use(oauthRouter(store, cfg, stats));

  const company = express.Router({ mergeParams: true });
  company.use(requireBearer(store, cfg));
  company.use((req: Request, res: Response, next: NextFunction) => {
    const realm = store.realm(String(req.params.realmId))!;
    stats.requests++;
    const release = throttle.admit(realm.id, String(res.locals.app), req.path === '/batch');
    if (!release) {
      stats.throttled++;
      sendThrottled(res, realm.timeZone);
      return;
    }
    res.on('finish', release);
    res.on('close', release);
    next();
  });
  company.use(faults.middleware(() => realms[0].timeZone, 'company'));
  const shuffle = opts.shuffleBatch === false ? undefined : () => batchOrder.random();
  company.use(companyRouter({ store, now, stats, shuffle }));
  app.use('/v3/company/:realmId', company);

  app.use((req, res) => {
    sendFault(
      res,
      fault('500', 'Unsupported Operation', `Operation ${req.method} ${req.path} is not supported`),
      realms[0].timeZone,
    );
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const tz = store.realm(String(req.params?.realmId ?? ''))?.timeZone ?? realms[0].timeZone;
    if (err instanceof QboFault) return sendFault(res, err, tz);
    const e = err as { type?: string; message?: string };
    if (e?.type === 'entity.parse.failed')
      return sendFault(
        res,
        fault(
          '2010',
          'Request has invalid or unsupported property',
          `Error parsing object: ${e.message ?? 'invalid JSON'}`,
        ),
        tz,
      );
    console.error('[qbo sandbox]', err);
    sendFault(res, serverFault(500), tz);
  });
  return {
    app,
    store,
    faults,
    stats,
    realms,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    apps,
    refreshTokens,
    reset,
  };
}
