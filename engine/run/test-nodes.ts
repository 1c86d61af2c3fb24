// Node definitions shared by the engine's run tests.
import { z } from 'zod';
import { defineNode, type FlowRecord } from '../../nodes/define-node';

/** A source of records n-0, n-1, … in pages of `pageSize`; each page's watermark is its last number. */
export function numbersSource(opts: { total: number; pageSize: number }) {
  return defineNode({
    type: 'test.numbers', version: 1, title: 'Numbers', category: 'source', description: '', inputs: [],
    outputs: [{ name: 'out', label: 'Numbers' }], config: z.strictObject({}), defaults: {}, ui: { icon: 'n', color: '#000' },
    async *read(ctx) {
      for (let i = 0; i < opts.total; i += opts.pageSize) {
        const records: FlowRecord[] = [];
        for (let k = i; k < i + opts.pageSize; k++) records.push({ key: `n-${k}`, data: { k }, meta: { source: { node: ctx.nodeId, system: 't', entity: 'N' } } });
        yield { records, watermark: String(i + opts.pageSize - 1) };
      }
    },
  });
}
