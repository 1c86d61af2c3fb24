// What the Preferences of a company govern — multicurrency and sales-form custom fields — over real
// HTTP against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboSandbox } from './index';
import { call } from './test-http';
import { fault, sale, startTxnSandbox } from './test-txn';

let s: QboSandbox;
let token: string;
let token2: string;

beforeAll(async () => {
  ({ s, token, token2 } = await startTxnSandbox());
});
afterAll(() => s.close());

describe('multicurrency (the second company has it on)', () => {
  const r2 = { realmId: '' };
  beforeAll(() => {
    r2.realmId = s.realmIds[1];
  });

  it('shows the preference per company; a single-currency company refuses a foreign currency', async () => {
    expect((await call(s, token, 'preferences')).json.Preferences.CurrencyPrefs).toEqual({
      MultiCurrencyEnabled: false,
      HomeCurrency: { value: 'USD' },
    });
    expect((await call(s, token2, 'preferences', r2)).json.Preferences.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
    const eur = await call(s, token, 'customer', { body: { DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } } });
    expect(fault(eur)).toMatchObject({ code: '6000', element: 'CurrencyRef' });
    expect(fault(eur).Detail).toContain('Multicurrency is not turned on');
    expect(
      fault(
        await call(s, token, 'invoice', {
          body: { CustomerRef: { value: '1' }, CurrencyRef: { value: 'EUR' }, Line: [sale(100)] },
        }),
      ).code,
    ).toBe('6000');
  });

  it("a euro customer's invoice carries CurrencyRef, ExchangeRate and HomeTotalAmt; the currency is then fixed", async () => {
    const c = (
      await call(s, token2, 'customer', { ...r2, body: { DisplayName: 'Berlin GmbH', CurrencyRef: { value: 'EUR' } } })
    ).json.Customer;
    expect(c.CurrencyRef).toEqual({ value: 'EUR', name: 'Euro' });
    const inv = (
      await call(s, token2, 'invoice', {
        ...r2,
        body: { CustomerRef: { value: c.Id }, ExchangeRate: 1.1, Line: [sale(200, 2)] },
      })
    ).json.Invoice;
    expect(inv).toMatchObject({
      CurrencyRef: { value: 'EUR', name: 'Euro' },
      ExchangeRate: 1.1,
      TotalAmt: 200,
      HomeTotalAmt: 220,
    });
    const usd = await call(s, token2, 'invoice', {
      ...r2,
      body: { CustomerRef: { value: c.Id }, CurrencyRef: { value: 'USD' }, Line: [sale(200, 2)] },
    });
    expect(fault(usd).Detail).toContain('uses EUR');
    const change = await call(s, token2, 'customer', {
      ...r2,
      body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, CurrencyRef: { value: 'GBP' } },
    });
    expect(fault(change).Detail).toContain('cannot change: it already has transactions');
    const home = (await call(s, token2, 'customer', { ...r2, body: { DisplayName: 'Home Dollar Inc' } })).json.Customer;
    const homeInv = (
      await call(s, token2, 'invoice', { ...r2, body: { CustomerRef: { value: home.Id }, Line: [sale(50)] } })
    ).json.Invoice;
    expect(homeInv).toMatchObject({ ExchangeRate: 1, HomeTotalAmt: 50 });
  });

  it('multicurrency cannot be turned off again', async () => {
    const p = (await call(s, token2, 'preferences', r2)).json.Preferences;
    const off = await call(s, token2, 'preferences', {
      ...r2,
      body: { Id: p.Id, SyncToken: p.SyncToken, sparse: true, CurrencyPrefs: { MultiCurrencyEnabled: false } },
    });
    expect(fault(off)).toMatchObject({ code: '6000', element: 'MultiCurrencyEnabled' });
    expect(fault(await call(s, token2, 'preferences', { ...r2, body: { SalesFormsPrefs: {} } })).code).toBe('500');
  });
});

describe('sales-form custom fields', () => {
  it('are defined in Preferences; an invoice takes them by DefinitionId with a 31-character limit', async () => {
    const prefs = (await call(s, token, 'preferences')).json.Preferences;
    const names = prefs.SalesFormsPrefs.CustomField.flatMap((g: any) => g.CustomField)
      .filter((f: any) => f.Type === 'StringType')
      .map((f: any) => f.StringValue);
    expect(names).toEqual(['Sales Rep', 'PO Number']);
    const inv = await call(s, token, 'invoice', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '2', Type: 'StringType', StringValue: 'PO-4471' }],
      },
    });
    expect(inv.json.Invoice.CustomField).toEqual([
      { DefinitionId: '2', Name: 'PO Number', Type: 'StringType', StringValue: 'PO-4471' },
    ]);
    const long = await call(s, token, 'estimate', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'x'.repeat(32) }],
      },
    });
    expect(fault(long)).toMatchObject({ code: '2050', element: 'CustomField.Sales Rep' });
    expect(fault(long).Detail).toContain('Max:31 supplied:32');
    const unknown = await call(s, token, 'creditmemo', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '3', Type: 'StringType', StringValue: 'x' }],
      },
    });
    expect(fault(unknown)).toMatchObject({ code: '2010', element: 'CustomField' });
    expect(fault(unknown).Detail).toContain('1 "Sales Rep", 2 "PO Number"');
  });
});
