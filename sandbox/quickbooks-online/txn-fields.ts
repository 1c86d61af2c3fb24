// Fields every transaction shares (reference B11): currency and exchange rate, sales-form
// custom fields and document numbers. Used by txn-rules.ts.
import type { EntityDef } from './entity-types';
import { CURRENCIES, currencyPrefs, customFieldDefs, prefsOf } from './preferences';
import { business, money, refId, REQUIRED, type Body, type RuleCtx } from './rule-helpers';
import type { StoredRow } from './store';
import { fault } from './wire-errors';

import { unsupported } from './txn-lines';

/** CurrencyRef, ExchangeRate and HomeTotalAmt (reference B11). */
export function currency(
  def: EntityDef,
  body: Body,
  ctx: RuleCtx,
  party: StoredRow | undefined,
  total: number | undefined,
): void {
  const { multi, home } = currencyPrefs(ctx);
  const partyCur = party ? (refId(party.body.CurrencyRef) ?? home) : undefined;
  const cur = refId(body.CurrencyRef) ?? partyCur ?? home;
  if (!CURRENCIES[cur])
    throw business(
      `Unknown currency ${cur} in CurrencyRef; use an ISO 4217 code the company has, such as ${home}.`,
      'CurrencyRef',
    );
  if (!multi && cur !== home) {
    // [?] wording ours; the refusal (6000) is what Intuit does for a foreign currency without multicurrency.
    throw business(
      `Multicurrency is not turned on for this company, so ${def.name} can only be in ${home} ` +
        `(CurrencyRef ${cur} was supplied). Turn on multicurrency in QuickBooks first.`,
      'CurrencyRef',
    );
  }
  if (party && partyCur !== cur) {
    throw business(
      `The ${def.name} is in ${cur}, but ${party.entity.toLowerCase()} ` +
        `"${String(party.body.DisplayName)}" uses ${partyCur}; a transaction must be in ` +
        `its ${party.entity.toLowerCase()}'s currency.`,
      'CurrencyRef',
    );
  }
  body.CurrencyRef = { value: cur, name: CURRENCIES[cur].name };
  if (!multi) {
    delete body.ExchangeRate;
    delete body.HomeTotalAmt;
    return;
  }
  let rate = 1;
  if (cur !== home) {
    rate =
      body.ExchangeRate === undefined || body.ExchangeRate === null
        ? CURRENCIES[cur].usd / CURRENCIES[home].usd
        : Number(body.ExchangeRate);
    if (!Number.isFinite(rate) || rate <= 0)
      throw business(
        `ExchangeRate must be a positive number (home currency units per 1 ${cur}); got ${String(body.ExchangeRate)}.`,
        'ExchangeRate',
      );
  }
  body.ExchangeRate = rate;
  if (total !== undefined) body.HomeTotalAmt = money(total * rate);
}

/** Up to three string custom fields on sales forms, defined in Preferences.SalesFormsPrefs. */
export function customFields(body: Body, ctx: RuleCtx): void {
  if (body.CustomField === undefined) return;
  const defs = customFieldDefs(prefsOf(ctx));
  if (!Array.isArray(body.CustomField)) throw unsupported('CustomField', 'not a list', 'CustomField');
  const byId = new Map<string, Body>();
  for (const cf of body.CustomField as Body[]) {
    const id = cf?.DefinitionId === undefined || cf.DefinitionId === null ? '' : String(cf.DefinitionId);
    if (!id)
      throw fault(
        '2020',
        REQUIRED,
        'Required parameter CustomField.DefinitionId is missing in the request',
        'CustomField',
      );
    const name = defs.get(id);
    // [?] codes for these two are ours (2010 unknown definition, 2050 too long); Intuit's limit of 31 characters is documented.
    if (!name) {
      throw fault(
        '2010',
        'Request has invalid or unsupported property',
        `Property Name:CustomField DefinitionId ${id} is not a custom field of this ` +
          `company's sales forms (defined: ${[...defs].map(([i, n]) => `${i} "${n}"`).join(', ') || 'none'})`,
        'CustomField',
      );
    }
    if (cf.Type !== undefined && cf.Type !== 'StringType')
      throw unsupported(`CustomField.Type of "${name}"`, cf.Type, 'CustomField');
    const value = cf.StringValue === undefined || cf.StringValue === null ? undefined : String(cf.StringValue);
    if (value !== undefined && value.length > 31) {
      throw fault(
        '2050',
        'String length is either shorter or longer than supported by specification',
        `String length specified does not match the supported length for custom field "${name}" (CustomField ${id}). Min:0 Max:31 supplied:${value.length}`,
        `CustomField.${name}`,
      );
    }
    byId.set(id, {
      DefinitionId: id,
      Name: name,
      Type: 'StringType',
      ...(value !== undefined ? { StringValue: value } : {}),
    });
  }
  body.CustomField = [...byId.values()].sort((a, b) => String(a.DefinitionId).localeCompare(String(b.DefinitionId)));
}

/** DocNumber: next number when left out; unique per type when the company uses its own numbers (6140). */
export function docNumber(def: EntityDef, body: Body, ctx: RuleCtx): void {
  const all = () => ctx.store.all(ctx.realm.id, def.name, true);
  if (!body.DocNumber && def.autoNumber) {
    const numbers = all()
      .map((r) => Number(r.body.DocNumber))
      .filter(Number.isFinite);
    body.DocNumber = String(Math.max(1000, ...numbers) + 1);
    return;
  }
  const sales = (prefsOf(ctx).SalesFormsPrefs ?? {}) as Body;
  if (!def.salesForm || sales.CustomTxnNumbers !== true || !body.DocNumber) return;
  const mine = String(body.DocNumber).trim().toLowerCase();
  const clash = all().find(
    (r) =>
      !r.deleted &&
      r.id !== ctx.existing?.id &&
      String(r.body.DocNumber ?? '')
        .trim()
        .toLowerCase() === mine,
  );
  if (clash) {
    throw fault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has ` +
        `already been used. DocNumber=${String(body.DocNumber)} is assigned to TxnType=${def.name} ` +
        `with TxnId=${clash.id}`,
      'DocNumber',
    );
  }
}
