// The sandbox speaks OData v4 as any OData client expects, not only as our own
// connector does: an independent client package (@odata/client, not ours) reads,
// filters, pages, creates, updates and deletes through it, with Creatio's forms
// login cookies and BPMCSRF header supplied as a real integration would.
import { EdmV4, OData } from '@odata/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from './index';

let sandbox: CreatioSandbox;
let odata: ReturnType<typeof OData.New4>;
let headers: Record<string, string>;

beforeAll(async () => {
  sandbox = await startCreatioSandbox({ seed: { accounts: 50 } });
  const login = await fetch(`${sandbox.baseUrl}/ServiceModel/AuthService.svc/Login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ UserName: sandbox.username, UserPassword: sandbox.password }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('BPMCSRF='))!.slice('BPMCSRF='.length);
  headers = { Cookie: cookies.join('; '), BPMCSRF: csrf, ForceUseSession: 'true', Accept: 'application/json' };
  odata = OData.New4({ serviceEndpoint: `${sandbox.baseUrl}/0/odata/`, commonHeaders: headers });
});
afterAll(() => sandbox.close());

describe('Creatio sandbox driven by an independent OData v4 client', () => {
  it('counts, pages with $top/$skip and $orderby, and selects fields', async () => {
    const accounts = odata.getEntitySet<{ Id: string; Name: string }>('Account');
    expect(await accounts.count()).toBe(50);
    const param = OData.newParam().top(20).orderby('Name').select(['Id', 'Name']);
    const first = await accounts.query(param);
    const second = await accounts.query(OData.newParam().top(20).skip(20).orderby('Name').select(['Id', 'Name']));
    expect(first).toHaveLength(20);
    expect(second).toHaveLength(20);
    expect(new Set([...first, ...second].map((a) => a.Id)).size).toBe(40);
    expect(Object.keys(first[0]).sort()).toEqual(['Id', 'Name']);
  });

  it('filters on text with accents', async () => {
    // (This client neither doubles quotes nor encodes `&` in $filter, so those are
    // left to our connector's tests; accents go through URL encoding here.)
    const accounts = odata.getEntitySet<{ Name: string }>('Account');
    const found = await accounts.query(
      OData.newParam().filter(OData.newFilter().property('Name').eq('Café Déjà Vu Crème')),
    );
    expect(found.map((a) => a.Name)).toEqual(['Café Déjà Vu Crème']);
  });

  it('creates (201 with the record), reads by key, updates (204) and deletes (204)', async () => {
    const accounts = odata.getEntitySet<{ Id: string; Name: string; Phone: string }>('Account');
    const created = await accounts.create({ Name: 'Independent <client> & Co', Phone: '+1 555 0101' });
    expect(created.Id).toMatch(/^[0-9a-f-]{36}$/);
    // OData v4 GUID keys are unquoted (Account(<guid>)), as Creatio requires.
    const key = EdmV4.Guid.from(created.Id);
    await accounts.update(key, { Phone: '+1 555 0202' });
    const read = await accounts.retrieve(key);
    expect(read).toMatchObject({ Name: 'Independent <client> & Co', Phone: '+1 555 0202' });
    await accounts.delete(key);
    expect(await accounts.count()).toBe(50);
  });
});

describe('orders and invoices with product lines', () => {
  it('creates an order with a line and an invoice for it, and expands the lines from the master', async () => {
    const account = (await odata.getEntitySet<{ Id: string }>('Account').query(OData.newParam().top(1)))[0];
    const order = await odata
      .getEntitySet<{ Id: string; Number: string }>('Order')
      .create({ Number: 'ORD-1 & <2>', AccountId: account.Id, Amount: 200 });
    const product = (await odata.getEntitySet<{ Id: string }>('Product').query(OData.newParam().top(1)))[0];
    await odata
      .getEntitySet('OrderProduct')
      .create({ OrderId: order.Id, ProductId: product.Id, Quantity: 2, Price: 100, Amount: 200 });
    const invoice = await odata
      .getEntitySet<{ Id: string }>('Invoice')
      .create({ Number: 'INV-1', OrderId: order.Id, AccountId: account.Id, Amount: 200 });
    expect(invoice.Id).toMatch(/^[0-9a-f-]{36}$/);
    const r = await fetch(
      `${sandbox.baseUrl}/0/odata/Order(${order.Id})?$expand=OrderProductCollectionByOrder($select=Quantity,Price)`,
      { headers },
    );
    const body = (await r.json()) as {
      Number: string;
      OrderProductCollectionByOrder: { Quantity: number; Price: number }[];
    };
    expect(body.Number).toBe('ORD-1 & <2>');
    expect(body.OrderProductCollectionByOrder).toEqual([expect.objectContaining({ Quantity: 2, Price: 100 })]);
  });
});
