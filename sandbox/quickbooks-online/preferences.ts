// Company preferences (the `Preferences` entity, one per company): what the
// rules need from them — multicurrency (CurrencyPrefs), the three string custom
// fields of sales forms (SalesFormsPrefs.CustomField, in Intuit's nested
// name/value shape) and custom transaction numbers (SalesFormsPrefs.CustomTxnNumbers).
import type { Body, RuleCtx } from './rule-helpers';
import { business } from './rule-helpers';

/** Currencies the simulator knows, with a fixed rate in US dollars (used when ExchangeRate is omitted). */
export const CURRENCIES: Record<string, { name: string; usd: number }> = {
  USD: { name: 'United States Dollar', usd: 1 },
  EUR: { name: 'Euro', usd: 1.08 },
  GBP: { name: 'British Pound Sterling', usd: 1.27 },
  CAD: { name: 'Canadian Dollar', usd: 0.73 },
  AUD: { name: 'Australian Dollar', usd: 0.66 },
  MXN: { name: 'Mexican Peso', usd: 0.058 },
  JPY: { name: 'Japanese Yen', usd: 0.0067 },
  INR: { name: 'Indian Rupee', usd: 0.012 },
};

export interface RealmPrefs {
  multiCurrency?: boolean;
  customFields?: string[];
  customTxnNumbers?: boolean;
}

/** Per company: the demo company has two custom fields and its own numbers; the second one is multicurrency. */
export function defaultPreferences(p: RealmPrefs): Body {
  const names = p.customFields ?? [];
  return {
    AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, CustomerTerminology: 'Customers' },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityWithPriceAndRate: true,
      QuantityOnHand: true,
    },
    SalesFormsPrefs: {
      CustomField: [
        {
          CustomField: [1, 2, 3].map((n) => ({
            Name: `SalesFormsPrefs.UseSalesCustom${n}`,
            Type: 'BooleanType',
            BooleanValue: n <= names.length,
          })),
        },
        {
          CustomField: names.map((name, i) => ({
            Name: `SalesFormsPrefs.SalesCustomName${i + 1}`,
            Type: 'StringType',
            StringValue: name,
          })),
        },
      ],
      CustomTxnNumbers: p.customTxnNumbers ?? false,
      AllowDeposit: true,
      AllowDiscount: true,
      AllowEstimates: true,
      AllowShipping: false,
      ETransactionEnabledStatus: 'NotApplicable',
    },
    VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
    TimeTrackingPrefs: {
      UseServices: true,
      BillCustomers: true,
      ShowBillRateToAll: false,
      WorkWeekStartDate: 'Monday',
      MarkTimeEntriesBillable: true,
    },
    TaxPrefs: { UsingSalesTax: false },
    CurrencyPrefs: { MultiCurrencyEnabled: p.multiCurrency ?? false, HomeCurrency: { value: 'USD' } },
  };
}

export function prefsOf(ctx: Pick<RuleCtx, 'store' | 'realm'>): Body {
  return ctx.store.get(ctx.realm.id, 'Preferences', '1')?.body ?? defaultPreferences({});
}

export function currencyPrefs(ctx: Pick<RuleCtx, 'store' | 'realm'>): { multi: boolean; home: string } {
  const c = (prefsOf(ctx).CurrencyPrefs ?? {}) as Body;
  return { multi: c.MultiCurrencyEnabled === true, home: String((c.HomeCurrency as Body | undefined)?.value ?? 'USD') };
}

/** Enabled sales-form custom fields: DefinitionId ("1".."3") → name. */
export function customFieldDefs(prefs: Body): Map<string, string> {
  const groups = ((prefs.SalesFormsPrefs as Body | undefined)?.CustomField ?? []) as Body[];
  const items = groups.flatMap((g) => (g.CustomField ?? []) as Body[]);
  const on = new Set<string>();
  const names = new Map<string, string>();
  for (const it of items) {
    const name = String(it.Name ?? '');
    let m = /^SalesFormsPrefs\.UseSalesCustom(\d)$/.exec(name);
    if (m && it.BooleanValue === true) on.add(m[1]);
    m = /^SalesFormsPrefs\.SalesCustomName(\d)$/.exec(name);
    if (m && it.StringValue) names.set(m[1], String(it.StringValue));
  }
  return new Map([...names].filter(([id]) => on.has(id)).sort(([a], [b]) => a.localeCompare(b)));
}

const isObj = (v: unknown): v is Body => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Preferences are updated section by section (sections not sent stay). Multicurrency
 * cannot be turned off once on, nor the home currency changed (reference B11).
 */
export function preferencesRule(body: Body, ctx: RuleCtx): void {
  const before = ctx.existing?.body ?? {};
  for (const [k, v] of Object.entries(before)) {
    if (!(k in body)) body[k] = v;
    else if (isObj(v) && isObj(body[k])) body[k] = { ...v, ...(body[k] as Body) };
  }
  const was = (before.CurrencyPrefs ?? {}) as Body;
  const now = (body.CurrencyPrefs ?? {}) as Body;
  if (was.MultiCurrencyEnabled === true && now.MultiCurrencyEnabled !== true) {
    throw business('Multicurrency cannot be turned off once it is on.', 'MultiCurrencyEnabled');
  }
  const home = (c: Body) => String((c.HomeCurrency as Body | undefined)?.value ?? 'USD');
  if (was.MultiCurrencyEnabled === true && home(was) !== home(now))
    throw business('The home currency cannot be changed once multicurrency is on.', 'HomeCurrency');
  if (!CURRENCIES[home(now)]) throw business(`Unknown home currency ${home(now)}.`, 'HomeCurrency');
}
