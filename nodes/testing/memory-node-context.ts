// A NodeContext held in memory, for node tests: connections with saveSettings,
// a cross-reference map, acknowledged writes, a status log and deterministic effect keys.
import type {
  Acknowledged,
  ConnectionInfo,
  CrossReference,
  EffectLedger,
  FlowRecord,
  NodeContext,
  ReviewDecision,
  XrefTarget,
} from '../define-node';
import { xrefGroupKey } from '../quickbooks/online/xref-target';
import { addTo } from '../core/add-to';

export interface MemoryContext extends NodeContext {
  statuses: (string | null)[];
  saved: Record<string, unknown>[];
  settings: Map<string, Record<string, unknown>>;
  bindings: Map<string, Map<string, { targetId: string; version?: string }>>;
  /** Writes the target acknowledged, by write key (ctx.effects). */
  acks: Map<string, Acknowledged>;
  logs: string[];
  /** Support's review-queue decisions, by `${xrefGroupKey(target)}|${sourceKey}`. */
  decided: Map<string, ReviewDecision>;
}

export function memoryContext(
  connections: Record<string, { kind: string; settings: Record<string, unknown> }>,
  nodeId = 'node',
): MemoryContext {
  const settings = new Map(Object.entries(connections).map(([id, c]) => [id, { ...c.settings }]));
  const bindings = new Map<string, Map<string, { targetId: string; version?: string }>>();
  const saved: Record<string, unknown>[] = [];
  const statuses: (string | null)[] = [];
  const logs: string[] = [];
  const acks = new Map<string, Acknowledged>();
  const decided = new Map<string, ReviewDecision>();
  const effects: EffectLedger = {
    acknowledged: async (keys) => new Map(keys.filter((k) => acks.has(k)).map((k) => [k, acks.get(k)!])),
    acknowledge: async (list) => {
      for (const { writeKey, ...a } of list) if (!acks.has(writeKey)) acks.set(writeKey, a);
    },
  };
  const xref: CrossReference = {
    async lookup(target: XrefTarget, keys: string[]) {
      const m = bindings.get(xrefGroupKey(target)) ?? new Map();
      return new Map(keys.filter((k) => m.has(k)).map((k) => [k, m.get(k)!]));
    },
    async sourcesOf(target: XrefTarget, ids: string[]) {
      const out = new Map<string, string[]>();
      for (const [k, v] of bindings.get(xrefGroupKey(target)) ?? [])
        if (ids.includes(v.targetId)) addTo(out, v.targetId, k);
      return out;
    },
    async decisions(target: XrefTarget, keys: string[]) {
      const at = (k: string) => `${xrefGroupKey(target)}|${k}`;
      return new Map(keys.filter((k) => decided.has(at(k))).map((k) => [k, decided.get(at(k))!]));
    },
    async bind(target: XrefTarget, pairs) {
      const m = bindings.get(xrefGroupKey(target)) ?? new Map();
      for (const p of pairs) m.set(p.sourceKey, { targetId: p.targetId, version: p.version });
      bindings.set(xrefGroupKey(target), m);
    },
  };
  return {
    runId: 'run-1',
    flowId: 'flow-1',
    nodeId,
    signal: new AbortController().signal,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    now: () => new Date(),
    async connection(id: string): Promise<ConnectionInfo> {
      const c = connections[id];
      if (!c) throw new Error(`no connection ${id}`);
      return {
        id,
        kind: c.kind,
        name: id,
        settings: settings.get(id)!,
        async saveSettings(patch) {
          saved.push(patch);
          settings.set(id, { ...settings.get(id), ...patch });
        },
      };
    },
    xref,
    effects,
    setStatus: (t) => {
      statuses.push(t);
    },
    effectKey: (r: FlowRecord) => `${nodeId}:${r.meta.source.system}:${r.key}`,
    statuses,
    saved,
    settings,
    bindings,
    acks,
    logs,
    decided,
  };
}
