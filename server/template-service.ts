// Templates as the designer and `weft run` see them (issue 15): the gallery's list,
// publishing a flow as a template or a new version of one, and updating a flow made
// from an older version by a three-way merge (flow/template-merge.ts).
import { TRPCError } from '@trpc/server';
import { openSlots, unbindSlots } from '../flow/connection-slots';
import { mergeFlows, type MergeChange, type MergeConflict, type Side } from '../flow/template-merge';
import type { FlowDocument } from '../flow/flow-document';
import { connectionRegistry } from '../nodes/connections';
import type { NodeRegistry } from '../nodes/registry';
import type { DesignStore, FlowRow } from './design/design-store';
import * as store from './design/template-store';
import { bindToWorkspace } from './workspace-slots';

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  /** e.g. "Creatio → QuickBooks Online" */
  direction: string;
  objects: string[];
  version: number;
  releaseNote: string;
  publishedAt: string;
  builtIn: boolean;
  /** The connections a flow made from it needs, in words ("Creatio", "QuickBooks Online"). */
  needs: string[];
  /** A shipped template's operator-recognisable title (manifest), when it has one. */
  title?: string;
  /** The old hosted service's flow name (manifest), e.g. "SFAcctOpp2QBCustInv". */
  formerly?: string;
  systems?: string[];
  /** The shipped template running the other way: the two make a bi-directional pair (two flows). */
  pair?: string;
  /** The utility runs a shipped template offers (binding, bulk-load, single). */
  utilities?: string[];
}

/** What the manifest adds to a shipped template, by id. */
export type ShippedExtras = (
  id: string,
) => { title?: string; formerly?: string; systems?: string[]; pair?: string; utilities?: string[] } | undefined;

export interface TemplateUpdate {
  templateId: string;
  title: string;
  from: number;
  to: number;
  releaseNote: string;
  applied: MergeChange[];
  conflicts: MergeConflict[];
}

export function createTemplateService(
  design: DesignStore,
  registry: NodeRegistry,
  actor: string,
  shipped: ShippedExtras = () => undefined,
) {
  function info(v: store.TemplateVersionInfo, doc: FlowDocument): TemplateInfo {
    const kinds = [...new Set(openSlots(doc, registry).map((s) => s.kind))];
    return {
      id: v.id,
      name: v.title,
      description: v.description,
      direction: v.direction,
      objects: v.objects,
      version: v.version,
      releaseNote: v.releaseNote,
      publishedAt: v.publishedAt,
      builtIn: v.builtIn,
      needs: kinds.map((k) => connectionRegistry.get(k)?.label ?? k),
      ...(v.builtIn ? pickExtras(shipped(v.id)) : {}),
    };
  }

  /** The newer version a flow could take, or null (not from a template, or up to date). */
  function newerFor(ws: string, f: FlowRow): store.TemplateVersionInfo | null {
    if (!f.templateId || f.templateVersion === null) return null;
    const latest = store.visibleVersions(design, ws, f.templateId)[0];
    return latest && latest.version > f.templateVersion ? latest : null;
  }

  function merged(ws: string, f: FlowRow, picks: Record<string, Side>) {
    const newer = newerFor(ws, f);
    const base = newer && store.templateDocument(design, ws, f.templateId!, f.templateVersion!);
    const theirs = newer && store.templateDocument(design, ws, f.templateId!, newer.version);
    if (!newer || !base || !theirs)
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: `"${f.name}" has no template update to take: it is up to date, or not made from a template.`,
      });
    // Compared as this workspace would have them, so a bound connection is not a local change.
    const bind = (d: FlowDocument) => bindToWorkspace(d, registry, design.listConnections(ws));
    return { newer, result: mergeFlows(bind(base.document), f.draft, bind(theirs.document), picks) };
  }

  return {
    list: (ws: string): TemplateInfo[] =>
      store
        .latestVersions(design, ws)
        .map((v) => info(v, store.templateDocument(design, ws, v.id, v.version)!.document)),
    get: (id: string, ws = 'default'): FlowDocument | null => store.templateDocument(design, ws, id)?.document ?? null,
    /** What the flow list and the editor say: "Update available: version N — note". */
    updateFor: (ws: string, f: FlowRow) => {
      const v = newerFor(ws, f);
      return v ? { version: v.version, releaseNote: v.releaseNote } : null;
    },
    publish: (ws: string, f: FlowRow, templateId: string | null, fields: store.TemplateFields) => {
      const kinds = new Map(design.listConnections(ws).map((c) => [c.id, c.kind]));
      const doc = unbindSlots(f.draft, registry, (id) => kinds.get(id) ?? null);
      const r = store.publishTemplate(design, ws, actor, templateId, fields, doc);
      if (!r)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `Template "${templateId}" was not found. Publish as a new template, or reload the list.`,
        });
      // The flow the specialist published from now stands on that version: no update to take from itself.
      store.setFlowTemplate(design, ws, f.id, r.id, r.version);
      return r;
    },
    preview: (ws: string, f: FlowRow): TemplateUpdate => {
      const { newer, result } = merged(ws, f, {});
      return {
        templateId: f.templateId!,
        title: newer.title,
        from: f.templateVersion!,
        to: newer.version,
        releaseNote: newer.releaseNote,
        applied: result.applied,
        conflicts: result.conflicts,
      };
    },
    /** Saves the merged draft (published as usual later) and records the new version as the flow's base. */
    apply: (ws: string, f: FlowRow, picks: Record<string, Side>) => {
      const { newer, result } = merged(ws, f, picks);
      design.saveFlow(ws, f.id, result.document, actor);
      store.setFlowTemplate(design, ws, f.id, f.templateId!, newer.version);
      design.audit(ws, actor, 'flow.template-update', f.id, {
        templateId: f.templateId,
        from: f.templateVersion,
        to: newer.version,
        conflicts: result.conflicts.map((c) => ({ where: c.where, kept: picks[c.id] ?? 'ours' })),
      });
      return { version: newer.version, draft: result.document };
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;

function pickExtras(e: ReturnType<ShippedExtras>): Partial<TemplateInfo> {
  if (!e) return {};
  return {
    ...(e.title ? { title: e.title } : {}),
    ...(e.formerly ? { formerly: e.formerly } : {}),
    ...(e.systems ? { systems: e.systems } : {}),
    ...(e.pair ? { pair: e.pair } : {}),
    ...(e.utilities ? { utilities: e.utilities } : {}),
  };
}
