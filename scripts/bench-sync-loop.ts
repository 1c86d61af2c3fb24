// The plain sync loop of the bench: what a developer would hand-write to do this job
// without Weft, the "plain loop" of issue 19's figures: read the Creatio accounts page
// by page (the template's $select and $expand, keyset order by ModifiedOn), keep the
// active ones, make each a customer (the template's fields) and post them to QuickBooks
// Online in batches of 30, 10 at a time, reading the next page while the last one is
// written. It does what the job needs and nothing more: no cross-references, no
// look-up of names already in QuickBooks, no ledger, no resume after a crash.
//
// The write-only ceiling (bench-ceiling.ts) posts ready-made batches and reads nothing,
// so the CPU the Creatio sandbox spends answering the pages is taken from the engine's
// side of the comparison only; this loop pays it too, as the same workload.
import { keysetFilter, nextWatermark, type Watermark } from '../nodes/creatio/keyset';
import { creatioHeaders, qboAccessToken } from './bench-ceiling';
import { mb, type CaseResult } from './bench-processes';

/** The template's source query (templates/creatio-accounts-to-qbo-customers.json, node `accounts`). */
const SELECT = 'Id,Name,Phone,Web,Address,Zip,Notes,ModifiedOn,UsrQBFullName,UsrQBLastModified';
const EXPAND =
  'UsrActive($select=Name),Type($select=Name),PrimaryContact($select=Id,Name,GivenName,Surname,Email,Phone,' +
  'Address,Zip;$expand=City($select=Name),Country($select=Name))';
const PAGE = 1000;

interface AccountRow {
  Id: string;
  Name: string;
  Phone?: string;
  Web?: string;
  Address?: string;
  Zip?: string;
  Notes?: string;
  ModifiedOn: string;
  UsrActive?: { Name?: string } | null;
}

/**
 * Reads `records` accounts from the start of the Creatio sandbox and writes the active ones as
 * customers named `<Name><suffix>` (a suffix per measurement, so no two measurements and no
 * engine run take the same names).
 */
export async function syncLoop(
  creatio: Record<string, unknown>,
  qbo: Record<string, unknown>,
  records: number,
  suffix: string,
): Promise<CaseResult> {
  const headers = await creatioHeaders(creatio);
  const token = await qboAccessToken(qbo);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let mark: Watermark | null = null;
  let read = 0;
  let written = 0;
  let failed = 0;
  const readPage = async (): Promise<AccountRow[]> => {
    const { filter, skip } = keysetFilter('ModifiedOn', mark);
    const top = Math.min(PAGE, records - read);
    if (top <= 0) return [];
    const q =
      `$select=${SELECT}&$expand=${EXPAND}&$orderby=ModifiedOn asc,Id asc&$top=${top}` +
      (filter ? `&$filter=${encodeURIComponent(filter)}` : '') +
      (skip ? `&$skip=${skip}` : '');
    const res = await fetch(`${creatio.baseUrl}/0/odata/Account?${q}`, { headers });
    if (!res.ok) throw new Error(`the plain loop's page was refused (HTTP ${res.status}): ${await res.text()}`);
    const rows = ((await res.json()) as { value: AccountRow[] }).value;
    if (rows.length)
      mark = nextWatermark(
        mark,
        rows.map((r) => ({ value: r.ModifiedOn, id: r.Id })),
      );
    read += rows.length;
    return rows;
  };
  const post = async (batch: AccountRow[]) => {
    const items = batch.map((a, k) => ({ bId: String(k), operation: 'create', Customer: customer(a, suffix) }));
    const r = await fetch(`${qbo.baseUrl}/v3/company/${qbo.realmId}/batch?minorversion=75`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ BatchItemRequest: items }),
    });
    const text = await r.text();
    // A refused batch is answered fast and would inflate the loop's speed; a refused item (the demo's awkward
    // names: the engine fails the same ones) is counted, and the bench checks that nearly all were written.
    if (!r.ok) throw new Error(`the plain loop's batch was refused (HTTP ${r.status}): ${text.slice(0, 300)}`);
    const answers = (JSON.parse(text) as { BatchItemResponse: { Fault?: unknown }[] }).BatchItemResponse;
    const refused = answers.filter((a) => a.Fault).length;
    failed += refused;
    written += batch.length - refused;
  };
  let next = readPage();
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    next = readPage(); // the next page is read while this one is written
    const active = rows.filter((a) => a.UsrActive?.Name === 'Yes');
    const batches: AccountRow[][] = [];
    for (let i = 0; i < active.length; i += 30) batches.push(active.slice(i, i + 30));
    let b = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (b < batches.length) await post(batches[b++]);
      }),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  if (failed > written / 100) throw new Error(`the plain loop wrote ${written} customers and had ${failed} refused`);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    case: 'plain sync loop (reads, writes)',
    records: read,
    written,
    failed,
    seconds,
    recordsPerSecond: read / seconds,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    cpuMsPer1kRecords: Math.round((cpuSeconds * 1e6) / Math.max(read, 1)),
    peakRssMb: mb(process.memoryUsage().rss),
  };
}

/** An account as the template's mapping makes it a customer (the fields it fills on the bench's accounts). */
function customer(a: AccountRow, suffix: string): Record<string, unknown> {
  const name = `${a.Name}${suffix}`;
  return {
    DisplayName: name,
    CompanyName: name.slice(0, 100),
    ...(a.Phone ? { PrimaryPhone: { FreeFormNumber: a.Phone.slice(0, 30) } } : {}),
    ...(a.Web ? { WebAddr: { URI: a.Web } } : {}),
    BillAddr: { Line1: a.Address ?? '', PostalCode: a.Zip ?? '' },
    ...(a.Notes ? { Notes: a.Notes.slice(0, 2000) } : {}),
  };
}

/** The engine's run against the mean of the plain loop before and after it (this machine's speed drifts). */
export function compareWithLoop(run: CaseResult, before: CaseResult, after: CaseResult): void {
  const perSecond = (before.recordsPerSecond + after.recordsPerSecond) / 2;
  const cpu = (Number(before.cpuMsPer1kRecords) + Number(after.cpuMsPer1kRecords)) / 2;
  run.syncLoopPerSecond = Math.round(perSecond);
  run.syncLoopRatio = Math.round((run.recordsPerSecond / perSecond) * 1000) / 1000;
  run.syncLoopCpuMsPer1kRecords = Math.round(cpu);
  run.cpuRatioToSyncLoop = Math.round((Number(run.engineCpuMsPer1kRecords) / cpu) * 100) / 100;
}
