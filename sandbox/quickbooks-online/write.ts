// Create, update (full and sparse), delete and void, shared by the single-entity
// endpoints and batch. Every write runs in one SQLite transaction.
import { companyTime } from './company-time';
import { ENTITIES } from './entities';
import type { EntityDef } from './entity-types';
import { RULES, recomputeBalances, recomputeVendorBalances, refId, type RuleCtx } from './entity-rules';
import type { RealmInfo, QboStore, StoredRow } from './store';
import { fault } from './wire-errors';

type Body = Record<string, unknown>;
export interface WriteEnv {
  store: QboStore;
  realm: RealmInfo;
  now: number;
}

/** "Only non-empty properties are returned" (reference B3): drop null, '', {} and []. */
export function prune(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a = v.map(prune).filter((x) => x !== undefined);
    return a.length ? a : undefined;
  }
  if (v && typeof v === 'object') {
    const o: Body = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) o[k] = p;
    }
    return Object.keys(o).length ? o : undefined;
  }
  return v === null || v === '' ? undefined : v;
}

export function render(row: StoredRow, timeZone: string): Body {
  if (row.deleted) return { status: 'Deleted', domain: 'QBO', Id: row.id };
  const body = (prune(row.body) ?? {}) as Body;
  // SubTotalLineDetail is legitimately empty on the wire; keep it.
  if (Array.isArray(row.body.Line))
    body.Line = (prune(row.body.Line) as Body[] | undefined)?.map((l) =>
      l.DetailType === 'SubTotalLineDetail' ? { ...l, SubTotalLineDetail: {} } : l,
    );
  return {
    ...body,
    domain: 'QBO',
    sparse: false,
    Id: row.id,
    SyncToken: String(row.syncToken),
    MetaData: { CreateTime: companyTime(row.created, timeZone), LastUpdatedTime: companyTime(row.updated, timeZone) },
  };
}

function checkShape(def: EntityDef, body: Body): void {
  for (const [k, v] of Object.entries(body)) {
    const spec = def.fields[k];
    // Unknown properties are refused, not ignored (2010) — a mapping typo surfaces at once.
    if (!spec)
      throw fault(
        '2010',
        'Request has invalid or unsupported property',
        `Property Name:Unrecognized field "${k}" specified is unsupported or invalid`,
        k,
      );
    if (typeof v === 'string' && spec.max !== undefined) checkLength(k, v, spec.max);
    if (spec.sub && v && typeof v === 'object') {
      for (const [sk, max] of Object.entries(spec.sub)) {
        const sv = (v as Body)[sk];
        if (typeof sv === 'string') checkLength(`${k}.${sk}`, sv, max);
      }
    }
  }
  const name = def.nameField ? body[def.nameField] : undefined;
  if (typeof name === 'string' && /[:\t\n\r]/.test(name)) {
    throw fault(
      '2040',
      'Invalid String',
      `Invalid String: ${def.nameField} cannot contain a colon (:), tab or newline. Supplied value:${JSON.stringify(name)}`,
      def.nameField,
    );
  }
}

function checkLength(field: string, value: string, max: number): void {
  // Length counts characters as QuickBooks does (UTF-16 code units are close enough for BMP text).
  if (value.length > max) {
    throw fault(
      '2050',
      'String length is either shorter or longer than supported by specification',
      `String length specified does not match the supported length. Min:0 Max:${max} supplied:${value.length}`,
      field,
    );
  }
}

function checkUniqueName(env: WriteEnv, def: EntityDef, body: Body, selfId?: string): void {
  if (!def.nameField || !def.nameScope) return;
  const name = body[def.nameField];
  if (typeof name !== 'string') return;
  const clash = env.store
    .nameHolders(env.realm.id, def.nameScope, name)
    .find((r) => !(r.entity === def.name && r.id === selfId));
  if (clash) {
    const who =
      def.nameScope.length > 1
        ? `Another ${clash.entity.toLowerCase()} is already using this name`
        : `Another ${def.name.toLowerCase()} is already using this name`;
    throw fault(
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : ${who}. Please use a different name.`,
      def.nameField,
    );
  }
}

function writable(def: EntityDef, body: Body): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(body)) if (!def.fields[k]?.ro) out[k] = v;
  return out;
}

function finish(env: WriteEnv, def: EntityDef, body: Body, existing?: StoredRow): Body {
  const ctx: RuleCtx = { ...env, existing };
  RULES[def.name]?.(body, ctx);
  checkShape(def, body);
  checkUniqueName(env, def, body, existing?.id);
  return body;
}

const nameOf = (def: EntityDef, body: Body) => (def.nameField ? String(body[def.nameField]) : undefined);

const CUSTOMER_BALANCE = new Set(['Invoice', 'Payment', 'CreditMemo']);
const VENDOR_BALANCE = new Set(['Bill', 'BillPayment', 'VendorCredit']);

/** Balances follow the documents: invoices/payments/credit memos per customer, bills/bill payments/vendor credits per vendor. */
function afterWrite(env: WriteEnv, def: EntityDef, before: Body | undefined, after: Body): void {
  const ctx = { ...env };
  const [field, recompute] = CUSTOMER_BALANCE.has(def.name)
    ? (['CustomerRef', recomputeBalances] as const)
    : VENDOR_BALANCE.has(def.name)
      ? (['VendorRef', recomputeVendorBalances] as const)
      : [undefined, undefined];
  if (!field) return;
  recompute(ctx, refId(after[field]));
  if (before && refId(before[field]) !== refId(after[field])) recompute(ctx, refId(before[field]));
}

export function create(env: WriteEnv, def: EntityDef, input: Body): StoredRow {
  if (def.kind === 'settings')
    throw fault(
      '500',
      'Unsupported Operation',
      `Operation Create is not supported for ${def.name}: read it and update it (Id and SyncToken) instead.`,
    );
  checkShape(def, input);
  return env.store.transaction(() => {
    const body = finish(env, def, writable(def, input));
    const row = env.store.insert(env.realm.id, def.name, body, nameOf(def, body), env.now);
    afterWrite(env, def, undefined, body);
    return env.store.get(env.realm.id, def.name, row.id) ?? row;
  });
}

function current(env: WriteEnv, def: EntityDef, input: Body): StoredRow {
  if (input.Id === undefined || input.Id === '')
    throw fault(
      '2020',
      'Required param missing, need to supply the required value for the API',
      'Required parameter Id is missing in the request',
      'Id',
    );
  if (input.SyncToken === undefined || input.SyncToken === '')
    throw fault(
      '2020',
      'Required param missing, need to supply the required value for the API',
      'Required parameter SyncToken is missing in the request',
      'SyncToken',
    );
  const row = env.store.get(env.realm.id, def.name, String(input.Id));
  if (!row || row.deleted)
    throw fault(
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive or deleted. ${def.name} Id ${String(input.Id)}`,
      'Id',
    );
  if (String(input.SyncToken) !== String(row.syncToken)) {
    throw fault(
      '5010',
      'Stale Object Error',
      `Stale Object Error : You and ${'someone else'} are working on the same thing. Please try again ` +
        `(${def.name} ${row.id}: supplied SyncToken ${String(input.SyncToken)}, current ${row.syncToken}).`,
      'SyncToken',
    );
  }
  return row;
}

export function update(env: WriteEnv, def: EntityDef, input: Body): StoredRow {
  const { sparse, ...rest } = input;
  checkShape(def, rest);
  return env.store.transaction(() => {
    const row = current(env, def, rest);
    const sent = writable(def, rest);
    if (sparse === true && def.nameField === 'DisplayName' && 'DisplayName' in sent && !sent.DisplayName) {
      throw fault(
        '2020',
        'Required param missing, need to supply the required value for the API',
        'DisplayName cannot be removed by a sparse update',
        'DisplayName',
      );
    }
    // Full update clears every writable field that is not sent (reference B8).
    const base =
      sparse === true
        ? { ...row.body }
        : Object.fromEntries(Object.entries(row.body).filter(([k]) => def.fields[k]?.ro));
    const body = finish(env, def, { ...base, ...sent }, row);
    const saved = env.store.update(env.realm.id, row, body, nameOf(def, body), env.now);
    afterWrite(env, def, row.body, body);
    return env.store.get(env.realm.id, def.name, saved.id) ?? saved;
  });
}

export function remove(env: WriteEnv, def: EntityDef, input: Body): StoredRow {
  if (def.kind === 'settings')
    throw fault('500', 'Unsupported Operation', `Operation Delete is not supported for ${def.name}.`);
  if (def.kind === 'name') {
    throw fault(
      '500',
      'Unsupported Operation',
      `Operation Delete is not supported for ${def.name}: name list entries cannot be deleted; make them inactive (Active=false) instead.`,
    );
  }
  return env.store.transaction(() => {
    const row = current(env, def, input);
    const saved = env.store.update(env.realm.id, row, row.body, undefined, env.now, true);
    afterWrite(env, def, undefined, row.body);
    return saved;
  });
}

export function voidTxn(env: WriteEnv, def: EntityDef, input: Body): StoredRow {
  if (!def.voidable) throw fault('500', 'Unsupported Operation', `Operation Void is not supported for ${def.name}.`);
  return env.store.transaction(() => {
    const row = current(env, def, input);
    const lines = ((row.body.Line ?? []) as Body[]).map((l) => ({ ...l, Amount: 0, LinkedTxn: undefined }));
    // Voiding keeps the document (and its number) with every amount at zero and its links to other documents removed.
    const zero = Object.fromEntries(
      ['Balance', 'UnappliedAmt', 'HomeTotalAmt'].filter((k) => row.body[k] !== undefined).map((k) => [k, 0]),
    );
    const body = { ...row.body, Line: lines, TotalAmt: 0, ...zero, PrivateNote: 'Voided' };
    const saved = env.store.update(env.realm.id, row, body, undefined, env.now);
    afterWrite(env, def, undefined, body);
    return env.store.get(env.realm.id, def.name, saved.id) ?? saved;
  });
}

export function read(env: WriteEnv, def: EntityDef, id: string): StoredRow {
  const row = env.store.get(env.realm.id, def.name, id);
  if (!row || row.deleted)
    throw fault(
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive or deleted. ${def.name} Id ${id}`,
      'Id',
    );
  return row;
}

export const entityNamed = (name: string): EntityDef | undefined => ENTITIES[name];
