// Fault injection for OData calls: latency, 500, 503, 429, dropped connections and
// expired sessions, each with a rate (0..1) and an optional count. Draws come from a
// seeded PRNG so a failing test replays the same sequence.
import { z } from 'zod';
import { prng } from '../demo-data';

// `skip`: calls let through before the rule may strike (e.g. 1 = from the second page on).
const rule = z.object({
  rate: z.number().min(0).max(1),
  count: z.number().int().min(0).optional(),
  skip: z.number().int().min(0).optional(),
});

export const faultConfigSchema = z.object({
  latencyMs: z.number().min(0).optional(),
  error500: rule.optional(),
  error503: rule.optional(),
  error429: rule.optional(),
  /** Destroy the socket without an answer. */
  drop: rule.optional(),
  /** End the caller's session before the call, so it gets a 401. */
  expiredSession: rule.optional(),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultKind = 'error500' | 'error503' | 'error429' | 'drop' | 'expiredSession';
const KINDS: FaultKind[] = ['drop', 'error503', 'error429', 'error500', 'expiredSession'];

export class Faults {
  private cfg: FaultConfig = {};
  private random = prng(42);
  /** How many faults of each kind were injected since the last set/clear. */
  readonly injected: Record<FaultKind, number> = { error500: 0, error503: 0, error429: 0, drop: 0, expiredSession: 0 };

  /** Replace the configuration (validated; throws a zod error on bad input). */
  set(cfg: FaultConfig): void {
    this.cfg = structuredClone(faultConfigSchema.parse(cfg));
    this.random = prng(42);
    for (const k of KINDS) this.injected[k] = 0;
  }

  get(): FaultConfig {
    return structuredClone(this.cfg);
  }

  clear(): void {
    this.set({});
  }

  get latencyMs(): number {
    return this.cfg.latencyMs ?? 0;
  }

  /** Decide the fault for one call (at most one), spending its count. */
  draw(): FaultKind | null {
    for (const kind of KINDS) {
      const r = this.cfg[kind];
      if (!r || r.count === 0) continue;
      if (r.skip) {
        r.skip--;
        continue;
      }
      if (this.random() < r.rate) {
        if (r.count !== undefined) r.count--;
        this.injected[kind]++;
        return kind;
      }
    }
    return null;
  }
}
