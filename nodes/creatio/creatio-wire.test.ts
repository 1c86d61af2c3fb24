// The connector's wire habits that real Creatio sites insist on, against the simulator over real
// HTTP (docs/reference/external-services.md, Creatio): every sign-in cookie sent back, decimals
// as text under IEEE754Compatible=true, keyset pages that never compare Guids by order.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededModifiedOn, startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import { CreatioClient, type CreatioClientOptions } from './creatio-client';

let sb: CreatioSandbox;
const client = (o: Partial<CreatioClientOptions> = {}) =>
  new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password, ...o });

beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 120 } });
});
afterAll(() => sb.close());
afterEach(() => sb.reset());

describe('sign-in cookies', () => {
  it('keeps every cookie of the sign-in, BPMSESSIONID included, and sends them back', async () => {
    const sent: string[] = [];
    const noting: typeof fetch = (input, init) => {
      if (String(input).includes('/0/odata/')) sent.push(String(new Headers(init?.headers).get('cookie')));
      return fetch(input, init);
    };
    expect(await client({ fetch: noting }).count('Account')).toBe(120);
    expect(
      sent[0]
        .split('; ')
        .map((c) => c.split('=')[0])
        .sort(),
    ).toEqual(['.ASPXAUTH', 'BPMCSRF', 'BPMLOADER', 'BPMSESSIONID', 'UserName']);
  });
});

describe('decimals', () => {
  it('writes a decimal a mapping made into text: IEEE754Compatible=true in the Content-Type', async () => {
    const c = client();
    const created = await c.create('Product', { Name: 'Priced as text', Price: '12.50' });
    expect(created.Price).toBe(12.5);
    await c.update('Product', String(created.Id), { Price: '13.25' });
    const [batched] = await c.batch([
      { method: 'POST', url: 'Product', body: { Name: 'Batched as text', Price: '7.10' } },
    ]);
    expect(batched.status).toBe(201);
  });
});

describe('keyset paging', () => {
  it('pages through ties split across pages without comparing Ids (gt over a Guid is not shown to work on Creatio)', async () => {
    const filters: string[] = [];
    const noting: typeof fetch = (input, init) => {
      const u = new URL(String(input));
      if (u.pathname.endsWith('/Account'))
        filters.push(`${u.searchParams.get('$filter')} skip=${u.searchParams.get('$skip')}`);
      return fetch(input, init);
    };
    const ids: string[] = [];
    const marks: string[] = [];
    // Pages of 3 over pairs that share a ModifiedOn: every other page ends inside a tie.
    for await (const p of client({ fetch: noting }).keysetPages('Account', { select: ['Id'], pageSize: 3 })) {
      ids.push(...p.rows.map((r) => String(r.Id)));
      marks.push(p.watermark);
    }
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(filters.filter((f) => /\bId (gt|ge|lt|le)\b/.test(f))).toEqual([]);
    // The second page leaves out the row of the tie the first one read, by Guid equality.
    const at = seededModifiedOn(2).replace(/\./g, '\\.');
    expect(filters[1]).toMatch(
      new RegExp(`^ModifiedOn ge ${at} and \\(ModifiedOn gt ${at} or \\(Id ne [0-9a-f-]{36}\\)\\) skip=null$`),
    );
    expect(marks[0]).toMatch(/\|[0-9a-f-]{36}$/);
  });
});
