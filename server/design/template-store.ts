// Templates and their versions in the design store (issue 15). Built-in templates
// are shipped as files (templates/) and written here at every start, with the earlier
// shipped versions a manifest entry lists; later versions, and a workspace's own, are published by a
// solutions specialist. A workspace sees the shipped versions ('') and its own.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '../../flow/flow-document';
import type { DesignStore } from './design-store';
import { flows, templates, templateVersions } from './design.table';

export const SHIPPED = '';

export interface TemplateVersionInfo {
  id: string;
  version: number;
  title: string;
  objects: string[];
  direction: string;
  description: string;
  releaseNote: string;
  publishedBy: string;
  publishedAt: string;
  builtIn: boolean;
}

export interface TemplateFields {
  title: string;
  objects: string[];
  direction: string;
  description: string;
  releaseNote: string;
}

const infoColumns = {
  id: templateVersions.templateId,
  version: templateVersions.version,
  title: templateVersions.title,
  objects: templateVersions.objects,
  direction: templateVersions.direction,
  description: templateVersions.description,
  releaseNote: templateVersions.releaseNote,
  publishedBy: templateVersions.publishedBy,
  publishedAt: templateVersions.publishedAt,
  builtIn: templates.builtIn,
};

/**
 * The shipped files as the built-in templates' versions: each earlier file (oldest first) as version 1, 2 …, the
 * current file as the last; a changed file replaces its version. Flows made from an older version keep it as their
 * base and are offered the newest as an update.
 */
export function seedBuiltIns(
  store: DesignStore,
  shipped: (TemplateFields & { id: string; doc: FlowDocument; earlier?: FlowDocument[] })[],
): void {
  store.sqlite.transaction(() => {
    for (const t of shipped) {
      store.db.insert(templates).values({ id: t.id, workspaceId: SHIPPED, builtIn: true }).onConflictDoNothing().run();
      const docs = [...(t.earlier ?? []), t.doc];
      docs.forEach((doc, i) => {
        const last = i === docs.length - 1;
        const v = { ...fieldsOf(t), releaseNote: last ? t.releaseNote : '', document: doc, publishedBy: 'Weft' };
        store.db
          .insert(templateVersions)
          .values({ templateId: t.id, workspaceId: SHIPPED, version: i + 1, ...v })
          .onConflictDoUpdate({
            target: [templateVersions.templateId, templateVersions.workspaceId, templateVersions.version],
            set: v,
          })
          .run();
      });
    }
    // Flows made before templates had versions were made from a shipped file: version 1.
    const ids = shipped.map((t) => t.id);
    if (ids.length > 0)
      store.db
        .update(flows)
        .set({ templateVersion: 1 })
        .where(and(inArray(flows.templateId, ids), isNull(flows.templateVersion)))
        .run();
  })();
}

/**
 * Every version a workspace sees, newest first, without documents (a list stays small). A workspace that published
 * its own version N of a built-in template before Weft shipped a version N keeps its own under that number.
 */
export function visibleVersions(store: DesignStore, workspaceId: string, templateId?: string): TemplateVersionInfo[] {
  const rows = store.db
    .select({ ...infoColumns, owner: templateVersions.workspaceId })
    .from(templateVersions)
    .innerJoin(templates, eq(templates.id, templateVersions.templateId))
    .where(
      and(
        inArray(templateVersions.workspaceId, [SHIPPED, workspaceId]),
        inArray(templates.workspaceId, [SHIPPED, workspaceId]),
        templateId === undefined ? undefined : eq(templateVersions.templateId, templateId),
      ),
    )
    // The workspace's own row before the shipped one ('') of the same number.
    .orderBy(desc(templateVersions.version), desc(templateVersions.workspaceId))
    .all();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(`${r.id}@${r.version}`) && seen.add(`${r.id}@${r.version}`))
    .map(({ owner: _owner, ...v }) => v);
}

/** The newest version of each template a workspace sees, built-in ones first, then by title. */
export function latestVersions(store: DesignStore, workspaceId: string): TemplateVersionInfo[] {
  const latest = new Map<string, TemplateVersionInfo>();
  for (const v of visibleVersions(store, workspaceId)) if (!latest.has(v.id)) latest.set(v.id, v);
  return [...latest.values()].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.title.localeCompare(b.title));
}

/** A version's document (the newest when no version is given), or null when the workspace cannot see it. */
export function templateDocument(
  store: DesignStore,
  workspaceId: string,
  templateId: string,
  version?: number,
): { version: number; document: FlowDocument } | null {
  const newest = version ?? visibleVersions(store, workspaceId, templateId)[0]?.version;
  if (newest === undefined) return null;
  const row = store.db
    .select({ version: templateVersions.version, document: templateVersions.document })
    .from(templateVersions)
    .where(
      and(
        eq(templateVersions.templateId, templateId),
        eq(templateVersions.version, newest),
        inArray(templateVersions.workspaceId, [SHIPPED, workspaceId]),
      ),
    )
    .orderBy(desc(templateVersions.workspaceId)) // as visibleVersions: the workspace's own first
    .get();
  return row ?? null;
}

/**
 * A new template (no `templateId`) or the next version of one the workspace sees.
 * Null when that template is not there for this workspace.
 */
export function publishTemplate(
  store: DesignStore,
  workspaceId: string,
  actor: string,
  templateId: string | null,
  fields: TemplateFields,
  doc: FlowDocument,
): { id: string; version: number } | null {
  return store.sqlite.transaction(() => {
    let id = templateId;
    let version = 1;
    if (id === null) {
      id = `${workspaceId === 'default' ? '' : `${workspaceId}.`}${slug(fields.title)}-${randomUUID().slice(0, 6)}`;
      store.db.insert(templates).values({ id, workspaceId, builtIn: false }).run();
    } else {
      const last = visibleVersions(store, workspaceId, id)[0];
      if (!last) return null;
      version = last.version + 1;
    }
    store.db
      .insert(templateVersions)
      .values({ templateId: id, workspaceId, version, ...fieldsOf(fields), document: doc, publishedBy: actor })
      .run();
    store.audit(workspaceId, actor, 'template.publish', id, { version, title: fields.title });
    return { id, version };
  })();
}

/** The template version a flow now stands on (made from it, updated to it, or published it). */
export function setFlowTemplate(store: DesignStore, workspaceId: string, flowId: string, id: string, v: number): void {
  store.db
    .update(flows)
    .set({ templateId: id, templateVersion: v })
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId)))
    .run();
}

function fieldsOf(t: TemplateFields): TemplateFields {
  return {
    title: t.title,
    objects: t.objects,
    direction: t.direction,
    description: t.description,
    releaseNote: t.releaseNote,
  };
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 40) || 'template'
  );
}
