// The one contract every node type follows. Both the designer (palette, forms,
// port rules) and the engine (execution) read the same definition object, so a
// node can never be defined twice and drift (the Node-RED .html/.js regret).
//
// Rules for everything under nodes/ (lint-like, checked in review):
// - isomorphic: no `node:` imports, no env, no database, no queue. Use global
//   `fetch` and Web Crypto; capabilities come in through `NodeContext`.
// - the zod `config` schema is the only validator and the only type source.
import type { z } from 'zod';
import type { NodeCategory, PortDef, RecordType } from '../flow/node-types';
import type { PageTurn } from './page-turn';

export type { Following, PageTurn } from './page-turn';

// Ports, record types and categories are the flow model's (flow/node-types.ts): the
// designer and the validator read them without the rest of this contract.
export { ANY_RECORD, type NodeCategory, type PortDef, type RecordType } from '../flow/node-types';

/** A record moving through a flow. Plain JSON: it is stored in the run ledger when it fails. */
export interface FlowRecord {
  /** The source system's id of the record: stable across runs, used for idempotency and binding. */
  key: string;
  /** Field values, named as the record's current system names them. */
  data: Record<string, unknown>;
  meta: RecordMeta;
}

export interface RecordMeta {
  /** Where the record entered the flow. */
  source: { node: string; system: string; entity: string; modifiedOn?: string; connection?: string };
  /** Set by a binding node: the counterpart in the target system, if any. */
  binding?: RecordBinding;
  /** The record was deleted in the source (data holds only its id); sinks that cannot delete skip it with a reason. */
  deleted?: boolean;
  /** Why the source's creation trigger does not let it be created yet (core/creation-triggers.ts); updates go on. */
  creationWaits?: string;
  /**
   * Set by a mapping: the fields of `data` its rows write only when the sink creates the record ("Only when
   * creating"); a sink updating the record leaves them out, so an edit made in the target survives (core/create-only.ts).
   */
  createOnly?: string[];
  /** The values of those fields an update left out: put back should the record be created after all (its link removed). */
  leftOut?: Record<string, unknown>;
  /**
   * Set by a sink: the record as the target saved it, with the values the target computed (QuickBooks'
   * transaction number, line ids and amounts), for a later node to write back to the source. When no node
   * follows the sink, only the target's values of the fields in `emptied` (nodes/core/kept-answer.ts).
   */
  saved?: Record<string, unknown>;
  /**
   * Set by a mapping: the target fields it owns but left empty, so not sent (`Fax`, `Line[].Description`).
   * Only paths, kept small. The echo memory counts them (engine/run/echo.ts): a value a person puts there
   * later, on the target, is a change to sync back, not Weft's own write.
   */
  emptied?: string[];
}

export interface RecordBinding {
  system: string;
  entity: string;
  /** Target id, or null when no counterpart exists yet (the sink will create one). */
  targetId: string | null;
  /** Optimistic-lock token of the target (QuickBooks SyncToken / EditSequence). */
  version?: string;
  /** Connection id of the target (one QuickBooks company file = one connection); engine issue 6 keys bindings and echoes by it. */
  connection?: string;
  /** `review`: support chose it (or chose "create new") in the review queue. */
  matchedBy: 'cross-reference' | 'match-rule' | 'review' | 'none';
}

/**
 * `review`: parked for a person to decide (issue 14: a binding with several look-alike
 * candidates, or a name whose phone or address differs) — neither failed nor written.
 */
export type Outcome = 'passed' | 'filtered' | 'created' | 'updated' | 'skipped' | 'failed' | 'review';

/** One side of a review: a candidate of the target system, or the record itself. */
export interface ReviewCandidate {
  id: string;
  name: string;
  phone: string;
  address: string;
}

/** What support is asked to decide for a parked record (issue 14's review queue). */
export interface ReviewRequest {
  reason: 'ambiguous' | 'low-confidence';
  /** The match rule that found the candidates, e.g. `name-phone`. */
  rule: string;
  /** One sentence for support: "2 QuickBooks customers look like Creatio account 'Acme Ltd' …". */
  message: string;
  record: ReviewCandidate;
  candidates: ReviewCandidate[];
  /** The system the candidates are in, e.g. QuickBooks; and the record's, e.g. Creatio. */
  targetSystem?: string;
  sourceSystem?: string;
  /** Where a pick is bound: the cross-reference group of the binding node. */
  target?: XrefTarget;
}

/** What support decided for a parked record; read by binding nodes when the record comes back. */
export type ReviewDecision = 'create-new' | 'skip';

/** Why a record failed, written for support: what happened, why, and what to do next. */
export interface RecordFailure {
  /** Stable code, e.g. `qbo.6240` or `weft.mapping.required`. */
  code: string;
  /** One sentence naming the record and field. */
  message: string;
  /** Optional: the field concerned, in the system that refused it. */
  field?: string;
  /** What the operator or support person should do next. */
  action?: string;
  /** True when the cause is the connection (network, auth, throttling), not the record itself. */
  connection?: boolean;
}

/** What a node did with one input record. Exactly one result per input record, in any order. */
export interface RecordResult {
  record: FlowRecord;
  outcome: Outcome;
  /** Output port to send the (possibly changed) record to; omitted = not forwarded. */
  port?: string;
  failure?: RecordFailure;
  /** With outcome `review`: what support has to decide. */
  review?: ReviewRequest;
}

/** A page read from a source, and the watermark reached once every record of it is committed. */
export interface SourcePage {
  records: FlowRecord[];
  /** Opaque position after this page (e.g. `2026-01-05T09:00:00.0000000Z|<id>`); null = unchanged. */
  watermark: string | null;
  /**
   * Records are not in time order (a qbXML iterator lists by name or entry order): a record past a
   * date range's end says nothing of the next pages, so the engine reads on instead of stopping there.
   */
  unordered?: boolean;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Bound records across systems (Creatio Id ↔ QuickBooks Id), kept by the run store. */
export interface CrossReference {
  /** Target ids already bound to these source keys (missing keys are unbound). */
  lookup(target: XrefTarget, sourceKeys: string[]): Promise<Map<string, { targetId: string; version?: string }>>;
  bind(target: XrefTarget, pairs: { sourceKey: string; targetId: string; version?: string }[]): Promise<void>;
  /** The other way round: source keys bound to these target ids (the Creatio account a QuickBooks customer was made from). */
  sourcesOf(target: XrefTarget, targetIds: string[]): Promise<Map<string, string[]>>;
  /**
   * Decisions support made in the review queue other than a pick (a pick is a binding like any
   * other): "create new" and "skip", by source key. Absent where no run store is.
   */
  decisions?(target: XrefTarget, sourceKeys: string[]): Promise<Map<string, ReviewDecision>>;
}

/** A write the target answered: what it made or changed, and how. */
export interface Acknowledged {
  targetId: string;
  version?: string;
  op: 'created' | 'updated';
}

/**
 * Writes acknowledged by targets, by write key (`writeKey`: the record version and the
 * data written). A sink records each write as its answer arrives and, before writing,
 * looks its records up: a page replayed after a crash finds the writes already made
 * and counts them as done instead of sending them again (exactly-once effects).
 */
export interface EffectLedger {
  acknowledged(writeKeys: string[]): Promise<Map<string, Acknowledged>>;
  acknowledge(acks: (Acknowledged & { writeKey: string })[]): Promise<void>;
}

export interface XrefTarget {
  /** Connection id of the target system (one QuickBooks company = one connection). */
  connection: string;
  entity: string;
  /** Connection id of the source system. */
  sourceConnection: string;
  sourceEntity: string;
}

/** A resolved connection: what a connector needs to talk to one external system. */
export interface ConnectionInfo {
  id: string;
  kind: string; // 'creatio' | 'quickbooks-online' | …
  name: string;
  /** Kind-specific settings and secrets, decrypted for this run only. */
  settings: Record<string, unknown>;
  /** Persist rotated secrets (QuickBooks refresh tokens rotate and must be saved at once). */
  saveSettings(patch: Record<string, unknown>): Promise<void>;
  /**
   * Read-modify-write of the settings under a lock every worker process honours (issue 4: one QuickBooks
   * token refresh across workers): `change` gets the newest stored settings and returns a patch saved
   * before the lock is released (null: nothing to save). Absent where one process is all there is.
   */
  withLock?<T>(
    change: (current: Record<string, unknown>) => Promise<{ patch: Record<string, unknown> | null; result: T }>,
  ): Promise<T>;
}

/** A qbXML request for QuickBooks Desktop, as JSON; it becomes XML in the Web Connector session that carries it (issue 5). */
export interface DesktopRequest {
  /** Idempotency key: the same key is the same request, answered once and replayed to later submits. */
  key: string;
  request: Record<string, unknown>;
}

/** The answer to one DesktopRequest: the parsed `…Rs`, or the HRESULT that kept QuickBooks from answering. */
export interface DesktopAnswer {
  key: string;
  /** How many request sets carried it (more than 1 after a lost session: an Add may have happened already). */
  attempts: number;
  response: Record<string, unknown> | null;
  error: { hresult: string; message: string } | null;
  /**
   * A write whose session was lost after the Web Connector handed it to QuickBooks: it may or
   * may not have been saved. Never sent again under this key; the node checks first.
   */
  inDoubt?: boolean;
}

/** Progress of a submit while the Web Connector has not collected everything. */
export interface DesktopWaiting {
  answered: number;
  total: number;
  /** Why the company file is paused (a dialog open in QuickBooks…), in plain words; null when not. */
  paused: string | null;
  lastSessionAt: string | null;
}

/** The durable per-company-file outbox the Web Connector empties (issue 5): Desktop nodes never call out. */
export interface DesktopOutbox {
  submit(
    connectionId: string,
    requests: DesktopRequest[],
    opts?: { signal?: AbortSignal; timeoutMs?: number; onWaiting?: (w: DesktopWaiting) => void },
  ): Promise<DesktopAnswer[]>;
}

export interface NodeContext {
  runId: string;
  flowId: string;
  nodeId: string;
  signal: AbortSignal;
  log: Logger;
  now(): Date;
  connection(id: string): Promise<ConnectionInfo>;
  xref: CrossReference;
  /** Show a transient state on the node (e.g. "waiting: QuickBooks rate limit, 12 s"); null clears it. */
  setStatus(text: string | null): void;
  /**
   * Idempotency key for an effect of this record at this node: the same across retries and reruns.
   * Synchronous: a sink asks it of every record it writes (a promise each cost 100,000 awaits a 100,000-record run).
   */
  effectKey(record: FlowRecord): string;
  /** Writes targets acknowledged, recorded as each answer arrives; absent where no run store is. */
  effects?: EffectLedger;
  /** QuickBooks Desktop's outbox; absent where no run store is (the Desktop nodes then say so). */
  desktop?: DesktopOutbox;
  /** The host's HTTP client; absent → the global fetch. */
  fetch?: typeof fetch;
  /**
   * A dry run (issue 14): reads and look-ups run as in a real run, so create-or-update is decided
   * the same way, but a node sends no write to any system, records no cross-reference and no
   * acknowledgement; a sink answers the outcome each record would have had (`core/dry-run.ts`).
   */
  dryRun?: boolean;
  /**
   * Nothing is connected to this step's output (issue 19): a sink need not hand on what it would pass to a
   * next step, such as QuickBooks' whole answer for a write-back, which a page at a rate-limited sink would
   * otherwise hold for every record until the page ends. Absent → the output may be used.
   */
  outputUnused?: boolean;
}

/** Hints for the designer's form. No React here: the designer maps widgets to components. */
export interface FieldHint {
  label?: string;
  help?: string;
  widget?:
    'text' | 'textarea' | 'number' | 'select' | 'checkbox' | 'connection' | 'rules' | 'mappings' | 'code' | 'password';
  /** For `connection`: which connection kind to offer. */
  connectionKind?: string;
  /** For `select`: the options, when the schema's enum is not enough. */
  options?: { value: string; label: string }[];
  placeholder?: string;
}

export interface NodeUi<C> {
  icon: string; // a short glyph shown on the node
  color: string; // CSS color of the node's accent
  fields?: Partial<Record<keyof C & string, FieldHint>>;
  /** One line shown under the node title on the canvas. */
  summary?: (config: C) => string;
}

interface NodeCommon<S extends z.ZodType, State> {
  type: string;
  version: number;
  title: string;
  category: NodeCategory;
  description: string;
  inputs: PortDef<z.infer<S>>[];
  outputs: PortDef<z.infer<S>>[];
  /** Outputs that depend on the config (a router's branches); given the config as saved, it must not throw. */
  outputsFor?: (config: unknown) => PortDef<z.infer<S>>[];
  config: S;
  /**
   * What the node writes, from its config (e.g. `creatio.Opportunity`), where its inputs do not say it: the
   * flow's footprint (flow/flow-footprint.ts) counts it for echo suppression and for flows that would race.
   */
  writesFor?: (config: z.infer<S>) => RecordType[];
  /** Config for a node freshly dropped from the palette. Must parse with `config`. */
  defaults: z.input<S>;
  ui: NodeUi<z.infer<S>>;
  /** Bring an old config up to `version`. */
  migrate?: (config: unknown, fromVersion: number) => unknown;
  /** Per-run state (a connector client, caches); created once per run, before the first batch. */
  open?: (ctx: NodeContext, config: z.infer<S>) => Promise<State>;
  close?: (state: State) => Promise<void>;
  /** A remark left on the node when the run ends (shown with its counters), e.g. a field empty on every record. */
  note?: (state: State) => string | null;
  /** Fields this step writes on every record it passes on (e.g. BillingAddress): a mapping after it may read them. */
  adds?: (config: z.infer<S>) => string[];
}

export interface SourceNode<S extends z.ZodType, State> extends NodeCommon<S, State> {
  category: 'source';
  /** Yield pages after `watermark` (null = from the beginning / the configured start). */
  read: (ctx: NodeContext, config: z.infer<S>, state: State, watermark: string | null) => AsyncIterable<SourcePage>;
  process?: never;
}

export interface ProcessNode<S extends z.ZodType, State, Prepared = undefined> extends NodeCommon<S, State> {
  category: Exclude<NodeCategory, 'source'>;
  /**
   * Handle one batch; return one result per input record. Throw only for failures of the whole batch.
   * `prepared`: what `prepare` returned for this very batch; undefined when the node has no `prepare`
   * and on retries (then `process` does those reads itself).
   * `turn`: in a paced run, for a node taking several pages at once, what the page before handed on and
   * whether the page after has come (engine/run/page-turns.ts); undefined otherwise and on retries.
   */
  process: (
    ctx: NodeContext,
    config: z.infer<S>,
    state: State,
    batch: FlowRecord[],
    prepared?: Prepared,
    turn?: PageTurn,
  ) => Promise<RecordResult[]>;
  /**
   * Optional read-only first half of `process` (lookups: the cross-reference, the target system). The
   * engine may run it for pages still queued behind the one in `process` (up to `prepareAhead`, default 2),
   * so lookups overlap the order-dependent step. It must not write anything nor change `state`, and must
   * not depend on what earlier pages decided. A throw fails the batch as a throw from `process` would.
   */
  prepare?: (ctx: NodeContext, config: z.infer<S>, state: State, batch: FlowRecord[]) => Promise<Prepared>;
  prepareAhead?: number;
  /** Pages the engine may hand this node at once (default 1); more only where effects are idempotent and no per-run state depends on page order. */
  pagesAtOnce?: number;
  /**
   * The most records a second this node can write, from its target's fixed rate limits (null: not
   * limited). The engine then reads smaller pages and holds fewer (engine/run/paced-pages.ts). Read once a
   * run, after `open`; it must depend only on the settings, never on how the target answered lately.
   */
  pace?: (config: z.infer<S>, state: State) => number | null;
  read?: never;
}

export type NodeDefinition<S extends z.ZodType = z.ZodType, State = unknown, Prepared = undefined> =
  SourceNode<S, State> | ProcessNode<S, State, Prepared>;

// `any` in the registry type: definitions differ in their schema, state and prepared types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any, any, any>;

export function defineNode<S extends z.ZodType, State = undefined>(def: SourceNode<S, State>): SourceNode<S, State>;
export function defineNode<S extends z.ZodType, State = undefined, Prepared = undefined>(
  def: ProcessNode<S, State, Prepared>,
): ProcessNode<S, State, Prepared>;
export function defineNode(def: AnyNodeDefinition): AnyNodeDefinition {
  return def;
}
