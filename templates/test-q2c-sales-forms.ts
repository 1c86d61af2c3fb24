// Golden test shared by the "QuickBooks sales forms → Creatio opportunities" templates (estimates,
// sales receipts, sales orders; Online and Desktop): after the customers and items are linked, each
// form of a linked customer becomes an opportunity on that customer's account, with one opportunity
// product per item line (the product linked to the item); the form of a customer with no account
// fails alone, naming the flow to run. A later run reads only the form changed in QuickBooks and
// updates it: a quantity changed, a line removed — the opportunity's products follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { customerRef, el, qbdQuery, qbdSave } from './test-qbd-finance';

/** One item line of a form, as the test writes it and reads it back. */
export interface FormLine {
  lineId?: string;
  item: string;
  qty: number;
  rate: number;
  desc?: string;
}
interface Form {
  id: string;
  number: string;
  customer: string;
  total: number;
  lines: FormLine[];
}

/** What differs between QuickBooks Online and Desktop: how forms are written and read back. */
interface FormSystem {
  boot(url: string, prefix: string): Promise<Golden>;
  /** The flows that link customers to accounts and items to products. */
  bindingFlows: string[];
  /** The customer linked to an account, the two item names used, and a customer with no account. */
  prepare(g: Golden): Promise<{ bound: string; items: [string, string]; walkIn: string }>;
  add(g: Golden, customer: string, lines: FormLine[], memo: string): Promise<void>;
  /** Replaces the lines (keeping those with a lineId) and the memo. */
  change(g: Golden, form: Form, lines: FormLine[], memo: string): Promise<void>;
  forms(g: Golden): Form[];
}

export interface SalesFormSpec {
  flow: string;
  /** The opportunity title's first word(s), e.g. "Estimate". */
  label: string;
  /** The value written to UsrQBTxnType. */
  txnType: string;
  system: FormSystem;
}

interface Opportunity {
  Id: string;
  Title: string;
  UsrInvoiceNumber: string;
  UsrQBTxnType: string;
  Amount: number;
  Notes: string;
  AccountId: string;
}
interface OpportunityProduct {
  ProductId: string;
  Quantity: number;
  Price: number;
  Amount: number;
  Notes: string;
  UsrQBLineId: string;
}

export function salesFormGolden(spec: SalesFormSpec): void {
  const sys = spec.system;
  for (const db of testDatabases()) {
    describe(`template "${spec.flow}" on ${db.name}`, () => {
      let g: Golden;
      let who: Awaited<ReturnType<FormSystem['prepare']>>;
      const creatio = () => g.weft.sandboxes!.creatio.db;
      const opportunities = () =>
        creatio()
          .prepare(
            'SELECT "Id", "Title", "UsrInvoiceNumber", "UsrQBTxnType", "Amount", "Notes", "AccountId" ' +
              'FROM "Opportunity" WHERE "UsrQBTxnType" = ?',
          )
          .all(spec.txnType) as Opportunity[];
      const productsOf = (opportunityId: string) =>
        creatio()
          .prepare(
            'SELECT "ProductId", "Quantity", "Price", "Amount", "Notes", "UsrQBLineId" FROM "OpportunityProduct" ' +
              'WHERE "OpportunityId" = ? ORDER BY "UsrQBLineId"',
          )
          .all(opportunityId) as OpportunityProduct[];
      const idOf = (table: string, name: string) =>
        (creatio().prepare(`SELECT "Id" FROM "${table}" WHERE "Name" = ?`).all(name) as { Id: string }[]).map(
          (r) => r.Id,
        );
      /** What the opportunity and its products must say for this form. */
      const expectMirrors = (form: Form) => {
        const o = opportunities().find((x) => x.UsrInvoiceNumber === form.number)!;
        expect(o).toMatchObject({
          Title: `${spec.label} ${form.number} — ${form.customer}`,
          UsrQBTxnType: spec.txnType,
          AccountId: idOf('Account', form.customer)[0],
        });
        expect(o.Amount).toBeCloseTo(form.total, 2);
        const byLine = (a: { UsrQBLineId?: string; lineId?: string }) => a.UsrQBLineId ?? a.lineId ?? '';
        const want = [...form.lines].sort((a, b) => byLine(a).localeCompare(byLine(b)));
        expect(productsOf(o.Id)).toEqual(
          want.map((l) => ({
            ProductId: idOf('Product', l.item)[0],
            Quantity: l.qty,
            Price: l.rate,
            Amount: expect.closeTo(l.qty * l.rate, 2) as number,
            Notes: l.desc ?? '',
            UsrQBLineId: l.lineId,
          })),
        );
        return o;
      };

      beforeAll(async () => {
        // A short schema name: the initials of the template id (qetco: qbo-estimates-to-creatio-opportunities).
        g = await sys.boot(db.url, `golden_${spec.flow.replace(/(\w)\w*-?/g, '$1')}`);
        for (const f of sys.bindingFlows) expect((await runTemplate(g.weft, f)).status).not.toBe('failed');
        who = await sys.prepare(g);
        const [a, b] = who.items;
        await sys.add(
          g,
          who.bound,
          [
            { item: a, qty: 2, rate: 50, desc: 'Rush & <fragile> "handle with care"' },
            { item: b, qty: 1, rate: 19.99, desc: 'Second line' },
          ],
          'Quoted by phone',
        );
        await sys.add(g, who.bound, [{ item: b, qty: 3, rate: 12.5, desc: 'Only line' }], 'Second form');
        await sys.add(g, who.walkIn, [{ item: a, qty: 1, rate: 40, desc: 'Counter sale' }], 'Walk-in');
      });
      afterAll(() => g?.close());

      it('creates an opportunity with its products per form of a linked customer; the unlinked one fails alone', async () => {
        expect(opportunities()).toHaveLength(0);
        const s = await runTemplate(g.weft, spec.flow);
        expect(s.status).toBe('completed-with-errors');
        expect(node(s, 'read')).toMatchObject({ in: 3, out: 3, failed: 0 });
        expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
        expect(node(s, 'products')).toMatchObject({ in: 2, out: 2, failed: 0 });
        expect(node(s, 'map-opportunity')).toMatchObject({ in: 2, out: 2, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: 2, updated: 0, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, 'opportunity-products')).toMatchObject({ created: 2, failed: 0 });

        const [unbound, ...others] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
        expect(others).toEqual([]);
        expect(unbound.failure.message).toContain(who.walkIn);
        expect(unbound.failure.action).toMatch(/^Run '.+customers.*' .*first/);

        const mine = sys.forms(g).filter((f) => f.customer === who.bound);
        expect(mine).toHaveLength(2);
        for (const form of mine) expectMirrors(form);
        expect(opportunities()).toHaveLength(2);
        expect(sys.forms(g).find((f) => f.customer === who.walkIn)).toBeDefined();
      });

      it('reads only the form changed since and updates its opportunity and products', async () => {
        expect(node(await runTemplate(g.weft, spec.flow), 'read').in).toBe(0);
        const form = sys.forms(g).find((f) => f.lines.length === 2)!;
        const before = expectMirrors(form);
        await sys.change(g, form, [{ ...form.lines[0], qty: 5 }], 'Confirmed by email');
        const s = await runTemplate(g.weft, spec.flow);
        expect(node(s, 'read').in).toBe(1);
        expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: 0, updated: 1, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, 'opportunity-products')).toMatchObject({ updated: 1, failed: 0 });
        const changed = sys.forms(g).find((f) => f.id === form.id)!;
        expect(changed.lines).toHaveLength(1);
        const after = expectMirrors(changed);
        expect(after).toMatchObject({ Id: before.Id, Notes: 'Confirmed by email' });
        expect(productsOf(after.Id)).toHaveLength(1);
        expect(opportunities()).toHaveLength(2);
      });
    });
  }
}

/** QuickBooks Online: forms written through its REST API (`path`, e.g. estimate), read from the sandbox's store. */
export function qboForms(entity: string, path: string): FormSystem {
  const tokens = new WeakMap<Golden, string>();
  const qbo = async (g: Golden, body: unknown) => {
    const sb = g.weft.sandboxes!.qbo;
    if (!tokens.has(g)) tokens.set(g, await accessToken(sb));
    const r = await call(sb, tokens.get(g)!, `${path}?minorversion=75`, { body });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json as Record<string, any>;
  };
  const rows = (g: Golden, e: string) =>
    g.weft
      .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, e)
      .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
  const itemId = (g: Golden, name: string) => rows(g, 'Item').find((i) => i.Name === name)!.Id as string;
  const wire = (g: Golden, lines: FormLine[]) =>
    lines.map((l) => ({
      ...(l.lineId ? { Id: l.lineId } : {}),
      DetailType: 'SalesItemLineDetail',
      Amount: Math.round(l.qty * l.rate * 100) / 100,
      Description: l.desc,
      SalesItemLineDetail: { ItemRef: { value: itemId(g, l.item) }, Qty: l.qty, UnitPrice: l.rate },
    }));
  return {
    boot: bootGolden,
    bindingFlows: ['qbo-customers-to-creatio-accounts', 'qbo-items-to-creatio-products'],
    async prepare(g) {
      const bound = rows(g, 'Customer')[0].DisplayName as string;
      const items = rows(g, 'Item')
        .filter((i) => i.Type !== 'Category' && i.Type !== 'Group')
        .slice(0, 2)
        .map((i) => i.Name as string);
      const walkIn = 'Walk-in Buyer (cash sale)';
      expect(
        (
          await call(g.weft.sandboxes!.qbo, await accessToken(g.weft.sandboxes!.qbo), 'customer', {
            body: { DisplayName: walkIn },
          })
        ).status,
      ).toBe(200);
      return { bound, items: [items[0], items[1]], walkIn };
    },
    async add(g, customer, lines, memo) {
      const ref = rows(g, 'Customer').find((c) => c.DisplayName === customer)!.Id as string;
      await qbo(g, { CustomerRef: { value: ref }, PrivateNote: memo, Line: wire(g, lines) });
    },
    async change(g, form, lines, memo) {
      const cur = rows(g, entity).find((r) => r.Id === form.id)!;
      await qbo(g, { Id: form.id, SyncToken: cur.SyncToken, sparse: true, PrivateNote: memo, Line: wire(g, lines) });
    },
    forms: (g) =>
      rows(g, entity).map((f) => ({
        id: f.Id as string,
        number: f.DocNumber as string,
        customer: f.CustomerRef.name as string,
        total: f.TotalAmt as number,
        lines: (f.Line as Record<string, any>[])
          .filter((l) => l.SalesItemLineDetail)
          .map((l) => ({
            lineId: l.Id as string,
            item: l.SalesItemLineDetail.ItemRef.name as string,
            qty: l.SalesItemLineDetail.Qty as number,
            rate: l.SalesItemLineDetail.UnitPrice as number,
            desc: l.Description as string,
          })),
      })),
  };
}

/** QuickBooks Desktop: forms saved in the company file through qbXML (`kind`, e.g. Estimate). */
export function qbdForms(kind: string): FormSystem {
  const lineXml = (l: FormLine, op: 'Add' | 'Mod') =>
    `<${kind}Line${op}>${op === 'Mod' ? el('TxnLineID', l.lineId ?? '-1') : ''}` +
    `<ItemRef>${el('FullName', l.item)}</ItemRef>${el('Desc', l.desc ?? '')}${el('Quantity', l.qty)}` +
    `${el('Rate', l.rate.toFixed(2))}</${kind}Line${op}>`;
  const file = (g: Golden) => g.weft.sandboxes!.qbd.file;
  // The number a person gives the form (the sandbox, like the SDK for most forms, leaves it empty otherwise).
  let number = 3000;
  return {
    boot: bootQbdGolden,
    bindingFlows: ['creatio-accounts-to-qbd-customers', 'qbd-items-to-creatio-products'],
    prepare(g) {
      const names = (
        g.weft.sandboxes!.creatio.db.prepare('SELECT "Name" FROM "Account" ORDER BY "Name"').all() as { Name: string }[]
      ).map((a) => a.Name);
      const bound = names.find((n) => file(g).customerByName(n))!;
      const walkIn = 'Walk-in Buyer (cash sale)';
      file(g).addCustomer({ name: walkIn, fields: {} });
      return Promise.resolve({ bound, items: ['Consulting Hours', 'Hardware Kit'] as [string, string], walkIn });
    },
    add(g, customer, lines, memo) {
      const listId = file(g).customerByName(customer)!.listId;
      qbdSave(
        file(g),
        kind,
        customerRef(listId) +
          el('RefNumber', ++number) +
          el('Memo', memo) +
          lines.map((l) => lineXml(l, 'Add')).join(''),
      );
      return Promise.resolve();
    },
    change(g, form, lines, memo) {
      const cur = qbdQuery(file(g), kind).find((d) => d.TxnID === form.id)!;
      file(g).now = () => Date.now() + 60_000;
      qbdSave(
        file(g),
        kind,
        el('TxnID', form.id) +
          el('EditSequence', String(cur.EditSequence)) +
          el('Memo', memo) +
          lines.map((l) => lineXml(l, 'Mod')).join(''),
        'Mod',
      );
      return Promise.resolve();
    },
    forms: (g) =>
      qbdQuery(file(g), kind).map((d) => ({
        id: String(d.TxnID),
        number: String(d.RefNumber),
        customer: String(d.CustomerRef.FullName),
        total: Number(d.TotalAmount),
        lines: ((d[`${kind}LineRet`] ?? []) as Record<string, any>[]).map((l) => ({
          lineId: String(l.TxnLineID),
          item: String(l.ItemRef.FullName),
          qty: Number(l.Quantity),
          rate: Number(l.Rate),
          desc: String(l.Desc ?? ''),
        })),
      })),
  };
}
