// POST / PATCH / DELETE (external-apis.md A7): POST → 201 + full record, PATCH and
// DELETE → 204 empty. Lookups are written by flat FK name (`AccountId`); a nav name
// in a body is ignored; null clears a lookup; the zero GUID is silently dropped.
import { clrTypeName, column, ENTITIES, navColumn, ZERO_GUID, type ColumnDef, type EntityDef } from './entities';
import { shape, type ReadContext } from './odata-read';
import { normaliseTimestamp } from './store';
import { aspNetError, odataError, type SimResponse } from './wire-errors';
import { statement } from './statements';

export interface WriteContext extends ReadContext {
  /** Next write timestamp (never repeats). */
  stamp(): string;
  /** Contact id of the calling user (CreatedBy / ModifiedBy). */
  userContactId: string;
  /** Accept unknown properties on PATCH silently (seen on build 858, A7); default: reject like newer builds. */
  lenientPatch?: boolean;
}

/** Per request: the body's Content-Type said `IEEE754Compatible=true`. */
export interface WriteRequest {
  ieee754: boolean;
}

/** `IEEE754Compatible=true` among the Content-Type's parameters (OData 4.0 Part 1, §8.1.1 / JSON format §3.2). */
export function ieee754Of(contentType: string | undefined): WriteRequest {
  return { ieee754: /;\s*IEEE754Compatible=true\b/i.test(contentType ?? '') };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SYSTEM = new Set(['CreatedOn', 'CreatedById', 'ModifiedOn', 'ModifiedById', 'ProcessListeners']);

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

function convert(
  ctx: WriteContext,
  rq: WriteRequest,
  e: EntityDef,
  col: ColumnDef,
  v: unknown,
): { skip: true } | { skip: false; value: unknown } {
  const bad = (edm: string) =>
    odataError(
      400,
      `Cannot convert the literal '${String(v)}' to the expected type '${edm}' for property '${col.name}' of type '${clrTypeName(e.name)}'.`,
    );
  switch (col.type) {
    case 'Text':
      if (v === null) return { skip: false, value: '' };
      if (typeof v !== 'string') throw bad('Edm.String');
      // MS SQL refuses over-long text with a database error: an ASP.NET 500, not a 400 [?].
      if (col.maxLength !== undefined && [...v].length > col.maxLength) {
        throw aspNetError(
          `String or binary data would be truncated in table 'dbo.${e.name}', column '${col.name}'. Truncated ` +
            `value: '${[...v].slice(0, col.maxLength).join('')}'.`,
        );
      }
      return { skip: false, value: v };
    case 'DateTime': {
      if (v === null) return { skip: false, value: null };
      const ts = typeof v === 'string' ? normaliseTimestamp(v) : null;
      if (!ts) throw bad('Edm.DateTimeOffset');
      return { skip: false, value: ts };
    }
    case 'Decimal':
    case 'Integer': {
      // A number as a JSON string is an Edm.Decimal (or Int64) only under `IEEE754Compatible=true` in the
      // Content-Type (OData JSON Format 4.0 §3.2; Creatio A3); Microsoft.OData refuses it otherwise, and
      // always for Edm.Int32. Its error, wrapped in Creatio's OData error body:
      if (typeof v === 'string' && (col.type === 'Integer' || !rq.ieee754)) {
        const edm = col.type === 'Integer' ? 'Edm.Int32' : 'Edm.Decimal';
        throw odataError(
          400,
          `Cannot convert a primitive value to the expected type '${edm}'. See the inner exception for more details.`,
        );
      }
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (col.type === 'Integer' && !Number.isInteger(n))) {
        throw bad(col.type === 'Integer' ? 'Edm.Int32' : 'Edm.Decimal');
      }
      return { skip: false, value: n };
    }
    case 'Boolean':
      if (typeof v !== 'boolean') throw bad('Edm.Boolean');
      return { skip: false, value: v ? 1 : 0 };
    case 'Guid':
      if (typeof v !== 'string' || !isGuid(v)) throw bad('Edm.Guid');
      return { skip: false, value: v.toLowerCase() };
    case 'Lookup': {
      if (v === null) return { skip: false, value: null };
      if (typeof v !== 'string' || !isGuid(v)) throw bad('Edm.Guid');
      if (v === ZERO_GUID) return { skip: true };
      const id = v.toLowerCase();
      if (!statement(ctx.db, `SELECT 1 FROM "${col.ref}" WHERE "Id" = ?`).get(id)) {
        throw aspNetError(
          `The INSERT statement conflicted with the FOREIGN KEY constraint ` +
            `"FK${col.name}${e.name}". The conflict occurred in database "creatio", table ` +
            `"dbo.${col.ref}", column 'Id'.`,
        );
      }
      return { skip: false, value: id };
    }
  }
}

/** Validate a body and return the columns to write. */
function columnsFrom(
  ctx: WriteContext,
  rq: WriteRequest,
  e: EntityDef,
  body: unknown,
  mode: 'POST' | 'PATCH',
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw odataError(400, 'The request body must be a JSON object.');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k.startsWith('@odata.') || k.includes('@odata.')) continue;
    const col = column(e, k);
    if (!col) {
      if (navColumn(e, k)) continue; // a nav path in a body is ignored, no error (A7)
      if (mode === 'PATCH' && ctx.lenientPatch) continue;
      throw odataError(
        400,
        `The property '${k}' does not exist on type '${clrTypeName(e.name)}'. Make sure to only use ` +
          `property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (SYSTEM.has(k) || (mode === 'PATCH' && k === 'Id')) continue;
    const c = convert(ctx, rq, e, col, v);
    if (!c.skip) out[k] = c.value;
  }
  return out;
}

export function create(ctx: WriteContext, rq: WriteRequest, e: EntityDef, body: unknown): SimResponse {
  const cols = columnsFrom(ctx, rq, e, body, 'POST');
  const now = ctx.stamp();
  const id = (cols.Id as string | undefined) ?? crypto.randomUUID();
  if (statement(ctx.db, `SELECT 1 FROM "${e.name}" WHERE "Id" = ?`).get(id)) {
    throw aspNetError(
      `Violation of PRIMARY KEY constraint 'PK${e.name}Id'. Cannot insert duplicate key in object 'dbo.${e.name}'. The duplicate key value is (${id}).`,
    );
  }
  const row = {
    ...cols,
    Id: id,
    CreatedOn: now,
    ModifiedOn: now,
    CreatedById: ctx.userContactId,
    ModifiedById: ctx.userContactId,
  };
  const names = Object.keys(row);
  statement(
    ctx.db,
    `INSERT INTO "${e.name}" (${names.map((n) => `"${n}"`).join(',')}) VALUES (${names.map(() => '?').join(',')})`,
  ).run(...Object.values(row));
  const saved = statement(ctx.db, `SELECT * FROM "${e.name}" WHERE "Id" = ?`).get(id) as Record<string, unknown>;
  return {
    status: 201,
    headers: { location: `${ctx.serviceRoot}/${e.name}(${id})` },
    body: { '@odata.context': `${ctx.serviceRoot}/$metadata#${e.name}/$entity`, ...shape(ctx, e, saved) },
  };
}

export function update(ctx: WriteContext, rq: WriteRequest, e: EntityDef, id: string, body: unknown): SimResponse {
  const cols = columnsFrom(ctx, rq, e, body, 'PATCH');
  mustExist(ctx, e, id);
  // ModifiedOn moves on every write, even one that changes nothing: incremental readers see it again.
  const row = { ...cols, ModifiedOn: ctx.stamp(), ModifiedById: ctx.userContactId };
  const sets = Object.keys(row).map((n) => `"${n}" = ?`);
  statement(ctx.db, `UPDATE "${e.name}" SET ${sets.join(', ')} WHERE "Id" = ?`).run(...Object.values(row), id);
  return { status: 204 };
}

export function remove(ctx: WriteContext, e: EntityDef, id: string): SimResponse {
  mustExist(ctx, e, id);
  for (const other of ENTITIES.values()) {
    for (const col of other.columns) {
      if (col.ref !== e.name || SYSTEM.has(col.name)) continue;
      if (statement(ctx.db, `SELECT 1 FROM "${other.name}" WHERE "${col.name}" = ? LIMIT 1`).get(id)) {
        throw aspNetError(
          `The DELETE statement conflicted with the REFERENCE constraint ` +
            `"FK${col.name}${other.name}". The conflict occurred in database "creatio", ` +
            `table "dbo.${other.name}", column '${col.name}'.`,
        );
      }
    }
  }
  statement(ctx.db, `DELETE FROM "${e.name}" WHERE "Id" = ?`).run(id);
  return { status: 204 };
}

function mustExist(ctx: WriteContext, e: EntityDef, id: string): void {
  if (!statement(ctx.db, `SELECT 1 FROM "${e.name}" WHERE "Id" = ?`).get(id)) {
    throw odataError(404, `Entity of type '${clrTypeName(e.name)}' with key '${id}' was not found.`);
  }
}
