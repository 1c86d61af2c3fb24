// Helpers shared by the business rules of name lists (entity-rules.ts) and of
// transactions (txn-rules.ts): required fields, references, money.
import type { QboStore, RealmInfo, StoredRow } from './store';
import { fault } from './wire-errors';

export interface RuleCtx {
  store: QboStore;
  realm: RealmInfo;
  now: number;
  existing?: StoredRow;
}
export type Body = Record<string, unknown>;
type Ref = { value?: unknown; name?: unknown };

export const money = (n: number) => Math.round(n * 100) / 100;

export function refId(v: unknown): string | undefined {
  const r = v as Ref | undefined;
  return r && r.value !== undefined && r.value !== null && r.value !== '' ? String(r.value) : undefined;
}

export const REQUIRED = 'Required param missing, need to supply the required value for the API';
export const BUSINESS = 'A business validation error has occurred while processing your request';

export function required(body: Body, field: string, path = field): void {
  const v = body[field];
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
    throw fault('2020', REQUIRED, `Required parameter ${path} is missing in the request`, field);
  }
}

/** 6000 with Intuit's generic message; the detail says what is wrong. */
export const business = (detail: string, element = '') =>
  fault('6000', BUSINESS, `Business Validation Error: ${detail}`, element);

const NAME_FIELD: Record<string, string> = { Customer: 'DisplayName', Vendor: 'DisplayName', Employee: 'DisplayName' };

/** A reference must point at an existing, active row (2500 Invalid Reference Id; 610 for inactive names). */
export function resolveRef(ctx: RuleCtx, body: Body, field: string, entity: string, path = field): StoredRow {
  const id = refId(body[field]);
  if (!id) throw fault('2020', REQUIRED, `Required parameter ${path} is missing in the request`, field);
  const row = ctx.store.get(ctx.realm.id, entity, id);
  if (!row || row.deleted)
    throw fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${entity} element id ${id} not found`, field);
  if (row.body.Active === false) {
    throw fault(
      '610',
      'Object Not Found',
      `Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`,
      field,
    );
  }
  body[field] = { value: row.id, name: row.body[NAME_FIELD[entity] ?? 'Name'] };
  return row;
}

/** An Account reference of one of the given AccountTypes (a bank account to pay from, a credit card …). */
export function resolveAccount(
  ctx: RuleCtx,
  body: Body,
  field: string,
  types: string[] | undefined,
  path = field,
): StoredRow {
  const row = resolveRef(ctx, body, field, 'Account', path);
  if (types && !types.includes(String(row.body.AccountType))) {
    throw business(
      `${path} must be an account of type ${types.join(' or ')}; account "${String(row.body.Name)}" is ${String(row.body.AccountType)}.`,
      field,
    );
  }
  return row;
}
