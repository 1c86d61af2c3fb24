// The preview's fetch lets reads and sign-ins through and refuses anything that could write.
import { describe, expect, it } from 'vitest';
import { PreviewWriteRefused, readOnlyFetch } from './read-only-fetch';

describe('readOnlyFetch', () => {
  const sent: string[] = [];
  const f = readOnlyFetch(async (input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return new Response('{}');
  });
  const qbo = 'https://qbo.example/v3/company/123';

  it('sends reads, long queries, batches of reads and sign-ins', async () => {
    await f(`${qbo}/query?query=select`);
    await f(`${qbo}/query`, { method: 'POST', body: 'select * from Customer' });
    await f(`${qbo}/batch`, { method: 'POST', body: JSON.stringify({ BatchItemRequest: [{ bId: '1', Query: 'x' }] }) });
    await f('https://crm.example/0/odata/$batch', {
      method: 'POST',
      body: JSON.stringify({ requests: [{ method: 'GET', url: 'Account' }] }),
    });
    await f('https://crm.example/ServiceModel/AuthService.svc/Login', { method: 'POST', body: '{}' });
    await f('https://oauth.example/token', { method: 'POST', body: 'grant_type=refresh_token&refresh_token=x' });
    expect(sent).toHaveLength(6);
  });

  it('refuses creates, updates and deletes before they leave, in words', async () => {
    sent.length = 0;
    const writes: [string, RequestInit][] = [
      [`${qbo}/customer?requestid=1`, { method: 'POST', body: '{"DisplayName":"x"}' }],
      [`${qbo}/batch`, { method: 'POST', body: JSON.stringify({ BatchItemRequest: [{ operation: 'create' }] }) }],
      ['https://crm.example/0/odata/Account(1)', { method: 'PATCH', body: '{}' }],
      [
        'https://crm.example/0/odata/$batch',
        { method: 'POST', body: JSON.stringify({ requests: [{ method: 'POST' }] }) },
      ],
      ['https://crm.example/0/odata/Account(1)', { method: 'DELETE' }],
    ];
    for (const [url, init] of writes) await expect(f(url, init)).rejects.toBeInstanceOf(PreviewWriteRefused);
    await expect(f(writes[0][0], writes[0][1])).rejects.toThrow(
      'The preview only reads: a step asked to send POST customer to qbo.example, which could change data there, and Weft did not send it.',
    );
    expect(sent).toEqual([]);
  });
});
