// Fault injection, in-process (`sandbox.faults.add(...)`) or over HTTP
// (`POST /__sandbox/faults`), so connectors can be tested against the failures
// production shows: slowness, 5xx, throttling, dropped connections (optionally
// after the write ran, to prove requestid retries), expired access tokens.
import type { NextFunction, Request, Response } from 'express';
import { prng } from '../demo-data';
import { QboFault, sendFault, sendThrottled, serverFault } from './wire-errors';

export interface FaultRule {
  kind: 'latency' | 'status' | 'throttle' | 'drop' | 'expire-token' | 'fault';
  /** Only requests whose path contains this text (e.g. '/batch', '/customer', '/oauth2'). */
  path?: string;
  method?: string;
  /** How many matching requests it hits; default 1; 0 = until cleared. */
  times?: number;
  latencyMs?: number;
  /** For 'status': 500 or 503. */
  status?: 500 | 503;
  /** For 'drop': run the request first, then destroy the socket instead of answering. */
  afterWrite?: boolean;
  /** For 'throttle': send a Retry-After header (seconds). */
  retryAfterSec?: number;
  /**
   * For 'fault': a ValidationFault (HTTP 400) QuickBooks Online answers for a reason outside the
   * records, e.g. 6190 "Invalid Company Status" while the company's subscription has lapsed: the
   * whole request fails, and succeeds again once the cause is gone (issue 16: bulk retry).
   */
  fault?: { code: string; message: string; detail?: string };
  /** Chance (0..1) that a matching request is hit; draws are seeded, so runs repeat. Default 1. */
  rate?: number;
  /** Matching requests let through before the rule strikes (e.g. 1 = from the second query on). */
  skip?: number;
}

/** The Creatio sandbox's fault shape, accepted too so one fault panel drives both sandboxes. */
export interface RateFaultConfig {
  latencyMs?: number;
  error500?: { rate: number; count?: number };
  error503?: { rate: number; count?: number };
  error429?: { rate: number; count?: number };
  drop?: { rate: number; count?: number };
  expiredSession?: { rate: number; count?: number };
}

interface ActiveRule extends FaultRule {
  left: number;
}

export class QboFaults {
  private rules: ActiveRule[] = [];
  private random = prng(42);
  /** How many requests each kind of fault hit since the last clear. */
  readonly injected: Record<FaultRule['kind'], number> = {
    latency: 0,
    status: 0,
    throttle: 0,
    drop: 0,
    'expire-token': 0,
    fault: 0,
  };
  constructor(private expireTokens: () => void) {}

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.random = prng(42);
    for (const k of Object.keys(this.injected) as FaultRule['kind'][]) this.injected[k] = 0;
  }

  /** Replace all rules from the Creatio-style config (count omitted = unlimited). */
  setRates(cfg: RateFaultConfig): void {
    this.clear();
    if (cfg.latencyMs) this.add({ kind: 'latency', latencyMs: cfg.latencyMs, times: 0 });
    const rule = (r: { rate: number; count?: number } | undefined, f: FaultRule) => {
      if (r && r.count !== 0) this.add({ ...f, rate: r.rate, times: r.count ?? 0 });
    };
    rule(cfg.drop, { kind: 'drop' });
    rule(cfg.error503, { kind: 'status', status: 503 });
    rule(cfg.error429, { kind: 'throttle' });
    rule(cfg.error500, { kind: 'status', status: 500 });
    rule(cfg.expiredSession, { kind: 'expire-token' });
  }

  list(): FaultRule[] {
    return this.rules.map(({ left, ...r }) => ({ ...r, times: left }));
  }

  /** Make every access token issued so far expired (the next API call gets 401 / 3200). */
  expireAccessTokens(): void {
    this.expireTokens();
  }

  private take(req: Request, scope: 'outer' | 'company'): ActiveRule[] {
    const path = req.originalUrl.split('?')[0];
    const company = path.startsWith('/v3/company/');
    // Token expiry must act before the bearer check, so the outer pass does it for every path.
    const mine = (r: ActiveRule) => (r.kind === 'expire-token' ? scope === 'outer' : company === (scope === 'company'));
    const matching = this.rules.filter(
      (r) => mine(r) && (!r.path || path.includes(r.path)) && (!r.method || r.method.toUpperCase() === req.method),
    );
    const hit = matching.filter((r) => !(r.skip && r.skip-- > 0));
    const drawn = hit.filter((r) => r.rate === undefined || r.rate >= 1 || this.random() < r.rate);
    for (const r of drawn) {
      this.injected[r.kind]++;
      if (r.times !== 0 && --r.left <= 0) this.rules.splice(this.rules.indexOf(r), 1);
    }
    return drawn;
  }

  /**
   * `outer` serves OAuth and unknown paths; `company` runs inside the company API
   * after the throttle admitted the request, so injected latency is time "in
   * flight" that counts toward the 10-concurrent limit.
   */
  middleware(timeZone: () => string, scope: 'outer' | 'company') {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (req.originalUrl.startsWith('/__sandbox')) return next();
      const hit = this.take(req, scope);
      for (const r of hit) {
        if (r.kind === 'latency') await new Promise((ok) => setTimeout(ok, r.latencyMs ?? 1000));
        if (r.kind === 'expire-token') this.expireTokens();
      }
      for (const r of hit) {
        if (r.kind === 'status') return sendFault(res, serverFault(r.status ?? 500), timeZone());
        if (r.kind === 'throttle') return sendThrottled(res, timeZone(), r.retryAfterSec);
        if (r.kind === 'fault') {
          const f = r.fault ?? { code: '6000', message: 'A business validation error has occurred' };
          return sendFault(res, new QboFault(400, f.code, f.message, f.detail ?? f.message), timeZone());
        }
        if (r.kind === 'drop' && !r.afterWrite) {
          req.socket.destroy();
          return;
        }
        if (r.kind === 'drop') {
          // Let the handler run (and commit), then lose the answer on the wire.
          res.writeHead = (() => {
            req.socket.destroy();
            return res;
          }) as typeof res.writeHead;
          res.end = (() => {
            req.socket.destroy();
            return res;
          }) as typeof res.end;
        }
      }
      next();
    };
  }
}
