// The flow document: what the designer saves, the server stores and a run executes.
// Flat nodes[] + edges[] (a tree-shaped store is a regret of other tools), node ids
// are stable human-readable slugs, and edges name ports by node id — never titles.
import { z } from 'zod';

export const FLOW_SCHEMA = 'weft.flow/1';

export const NodeId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'a node id is lower-case letters, digits and dashes, starting with a letter');

/** `node-id:port` */
export const PortRef = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}:[a-z][a-zA-Z0-9-]*$/, 'an edge end looks like "node-id:port"');

export const FlowNode = z.strictObject({
  id: NodeId,
  type: z.string().min(1),
  version: z.number().int().positive(),
  /** Shown on the canvas; engine behaviour never depends on it. */
  title: z.string().max(80).optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }),
  config: z.record(z.string(), z.unknown()),
});

export const FlowEdge = z.strictObject({ from: PortRef, to: PortRef });

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'a time looks like hh:mm:ss');

export const Schedule = z.union([
  z.strictObject({ every: z.string().regex(/^\d+(ms|s|m|h)$/, 'an interval looks like 10m, 30s, 2h or 500ms') }),
  z.strictObject({ cron: z.string().min(9) }),
]);

export const NOTIFY_MODES = [
  'none',
  'connection-failures',
  'every-error',
  'connection-failures-and-full-daily',
  'connection-failures-and-error-daily',
  'error-daily',
  'full-daily',
] as const;

export const FlowSettings = z.strictObject({
  /** null = runs only when started by hand (seed: "single run"). Default every 10 minutes, as the old service. */
  schedule: Schedule.nullable().default({ every: '10m' }),
  /** Runs due inside this window wait until it ends (seed §5.4 "Sleep Window"). */
  sleepWindow: z.strictObject({ start: time, end: time }).nullable().default(null),
  timeZone: z.string().default('UTC'),
  /** Seed §5.4 "Stop Scheduled Transaction". */
  stopPolicy: z.enum(['never', 'connection-failure', 'every-error']).default('never'),
  /**
   * Query Starts overlap (issue 6): each run re-reads changes this long before its
   * watermark, so a record stamped by a skewed clock is not skipped. Idempotent
   * sinks make the re-read safe. Absent = exact keyset continuation. Optional so
   * documents saved before it keep their exact shape.
   */
  overlap: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'an interval looks like 30s or 2m')
    .optional(),
  /** Seed §5.4 "Email Notification Mode". */
  notify: z.enum(NOTIFY_MODES).default('connection-failures'),
  /**
   * What "Configure solution" chose for this flow (issue 15; seed §5.3, §5.4): its QuickBooks
   * company connection, the Creatio price book (empty: Creatio's default) and the currency mode
   * (keep the transaction's currency, or convert to the home currency). Optional, additive.
   */
  solution: z
    .strictObject({
      company: z.string().max(100),
      priceBook: z.string().max(250),
      currency: z.enum(['propagate', 'home']),
    })
    .optional(),
});

export const FlowDocument = z.strictObject({
  schema: z.literal(FLOW_SCHEMA),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  nodes: z.array(FlowNode).max(500),
  edges: z.array(FlowEdge).max(2000),
  settings: FlowSettings.default(FlowSettings.parse({})),
});

export type FlowNode = z.infer<typeof FlowNode>;
export type FlowEdge = z.infer<typeof FlowEdge>;
export type FlowSettings = z.infer<typeof FlowSettings>;
export type FlowDocument = z.infer<typeof FlowDocument>;
export type FlowDocumentInput = z.input<typeof FlowDocument>;

export function splitPortRef(ref: string): { node: string; port: string } {
  const i = ref.lastIndexOf(':');
  return { node: ref.slice(0, i), port: ref.slice(i + 1) };
}

/** `10m` → 600000. */
export function intervalMs(every: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(every);
  if (!m) throw new Error(`"${every}" is not an interval like 10m`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}
