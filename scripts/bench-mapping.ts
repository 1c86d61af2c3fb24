// `npm run bench -- --only-mapping-case [--mapping-records 100000]`: what JSONata costs
// (issue 14). The same flow, the shipped accounts → customers template's source shape,
// filter and mapping, run by the engine twice: once with plain field copies, once with a
// JSONata expression for each of the same fields. The records come from memory and the
// sink only counts, so the mapping's share is as large as it can be (a real run also waits
// for Creatio and QuickBooks, which makes it smaller): the worst case of the ratio.
import { z } from 'zod';
import type { FlowDocumentInput } from '../flow/flow-document';
import { validateFlow } from '../flow/validate-flow';
import { defineNode, type FlowRecord, type NodeContext } from '../nodes/define-node';
import { filterNode } from '../nodes/core/filter.node';
import { mappingNode } from '../nodes/core/mapping.node';
import { createRegistry } from '../nodes/registry';
import { MemoryRecorder } from '../engine/record/memory-recorder';
import { runFlow } from '../engine/run/run-flow';
import { cpuSeconds, type CaseResult } from './bench-processes';

const PAGE = 1000;

function nodesFor(total: number) {
  const source = defineNode({
    type: 'bench.accounts',
    version: 1,
    title: 'Accounts',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Accounts', recordType: 'creatio.Account' }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'a', color: '#000' },
    async *read(ctx) {
      for (let i = 0; i < total; i += PAGE) {
        const records: FlowRecord[] = [];
        for (let k = i; k < Math.min(i + PAGE, total); k++)
          records.push({
            key: `acc-${k}`,
            data: {
              Id: `acc-${k}`,
              Name: `  Vandelay Industries ${k} `,
              Phone: `+1 555 ${1000 + (k % 9000)}`,
              Web: `https://example.test/${k}`,
              Address: `${k % 999} Main St`,
              Zip: String(10000 + (k % 89999)),
              Notes: k % 7 === 0 ? 'Key account — pays by wire' : '',
              UsrActive: { Name: k % 5 === 4 ? 'No' : 'Yes' },
            },
            meta: { source: { node: ctx.nodeId, system: 'creatio', entity: 'Account' } },
          });
        yield { records, watermark: String(i) };
      }
    },
  });
  const sink = defineNode({
    type: 'bench.customers',
    version: 1,
    title: 'Customers',
    category: 'sink',
    description: '',
    inputs: [{ name: 'in', label: 'Customers', recordType: 'quickbooks-online.Customer' }],
    outputs: [],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'c', color: '#000' },
    async process(_ctx, _c, _s, batch) {
      return batch.map((record) => ({ record, outcome: 'created' as const }));
    },
  });
  return createRegistry([source, sink, filterNode, mappingNode]);
}

/** The template's fields (templates/creatio-accounts-to-qbo-customers.json), as copies or as expressions. */
const FIELDS: [target: string, source: string, expression: string, extra: object][] = [
  ['DisplayName', 'Name', '$trim(Name)', { required: true, maxLength: 500 }],
  ['CompanyName', 'Name', '$substring($trim(Name), 0, 100)', { maxLength: 100, tooLong: 'truncate' }],
  ['PrimaryPhone.FreeFormNumber', 'Phone', 'Phone', { maxLength: 30 }],
  ['WebAddr.URI', 'Web', '$lowercase(Web)', { maxLength: 1000 }],
  ['BillAddr.Line1', 'Address', 'Address', { maxLength: 500 }],
  ['BillAddr.PostalCode', 'Zip', '$string(Zip)', { maxLength: 30 }],
  ['Notes', 'Notes', 'Notes', { maxLength: 2000 }],
];

/** The template's mapping rows, as field copies or as JSONata expressions for the same fields. */
export function templateMappings(expressions: boolean): Record<string, unknown>[] {
  return FIELDS.map(([target, source, expression, extra]) => ({
    target,
    ...(expressions ? { expression } : { source }),
    ...extra,
  }));
}

function flow(expressions: boolean): FlowDocumentInput {
  const mappings = templateMappings(expressions);
  const node = (id: string, type: string, config: Record<string, unknown>) => ({
    id,
    type,
    version: 2,
    position: { x: 0, y: 0 },
    config,
  });
  return {
    schema: 'weft.flow/1',
    name: 'bench',
    nodes: [
      { ...node('accounts', 'bench.accounts', {}), version: 1 },
      {
        ...node('active', 'core.filter', { rules: [{ field: 'UsrActive.Name', op: 'equals', value: 'Yes' }] }),
        version: 1,
      },
      node('map', 'core.mapping', { targetType: 'quickbooks-online.Customer', mappings }),
      { ...node('customers', 'bench.customers', {}), version: 1 },
    ],
    edges: [
      { from: 'accounts:out', to: 'active:in' },
      { from: 'active:out', to: 'map:in' },
      { from: 'map:out', to: 'customers:in' },
    ],
  };
}

async function once(records: number, expressions: boolean): Promise<CaseResult> {
  const v = validateFlow(flow(expressions), nodesFor(records));
  if (!v.ok) throw new Error(v.problems.map((p) => p.message).join(' '));
  const recorder = new MemoryRecorder();
  const signal = new AbortController().signal;
  const cpu0 = cpuSeconds(process.pid);
  const t0 = performance.now();
  const outcome = await runFlow(v.flow, {
    recorder,
    signal,
    watermark: async () => null,
    contextFor: (nodeId) => ({ nodeId, runId: 'bench', flowId: 'bench', signal }) as unknown as NodeContext,
    retry: { attempts: 1, baseMs: 1, maxMs: 1 },
  });
  const seconds = (performance.now() - t0) / 1000;
  const written = recorder.nodes.get('customers')!.created;
  if (outcome.status !== 'succeeded') throw new Error(`the bench flow ended ${outcome.status}`);
  return {
    case: expressions ? 'mapping: JSONata expressions' : 'mapping: field copies',
    records,
    seconds,
    recordsPerSecond: records / seconds,
    peakRssMb: 0,
    written,
    cpuSeconds: Math.round((cpuSeconds(process.pid) - cpu0) * 100) / 100,
  };
}

/** Both flows, alternated three times (the machine's speed drifts), best of each; the ratio of the best rates. */
export async function mappingCase(records: number, say: (m: string) => void): Promise<CaseResult[]> {
  await once(Math.min(records, 20_000), false); // warm-up: the engine's code compiled before anything is timed
  await once(Math.min(records, 20_000), true);
  const best: Record<string, CaseResult> = {};
  for (let round = 0; round < 3; round++)
    for (const expressions of [false, true]) {
      const r = await once(records, expressions);
      if (!best[r.case] || r.recordsPerSecond > best[r.case].recordsPerSecond) best[r.case] = r;
    }
  const [copies, jsonata] = [best['mapping: field copies'], best['mapping: JSONata expressions']];
  const cost = 1 - jsonata.recordsPerSecond / copies.recordsPerSecond;
  jsonata.throughputCostPercent = Math.round(cost * 1000) / 10;
  jsonata.ratioToCopies = Math.round((jsonata.recordsPerSecond / copies.recordsPerSecond) * 1000) / 1000;
  say(
    `  JSONata costs ${jsonata.throughputCostPercent}% of the throughput of field copies ` +
      `(${Math.round(jsonata.recordsPerSecond)} vs ${Math.round(copies.recordsPerSecond)} rec/s, the engine alone: ` +
      'no network, the worst case: the extra work of trimming and cutting text, with nothing to wait for)',
  );
  return [copies, jsonata];
}
