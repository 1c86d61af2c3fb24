// Node definitions shared by the engine's run tests.
import { z } from 'zod';
import { defineNode, type AnyNodeDefinition, type FlowRecord, type NodeContext } from '../../nodes/define-node';
import type { ValidFlow } from '../../flow/validate-flow';
import { MemoryRecorder } from '../record/memory-recorder';
import { runFlow } from './run-flow';

/** A source of records n-0, n-1, … in pages of `pageSize`; each page's watermark is its last number. */
export function numbersSource(opts: { total: number; pageSize: number }) {
  return defineNode({
    type: 'test.numbers',
    version: 1,
    title: 'Numbers',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Numbers' }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'n', color: '#000' },
    async *read(ctx) {
      for (let i = 0; i < opts.total; i += opts.pageSize) {
        const records: FlowRecord[] = [];
        for (let k = i; k < i + opts.pageSize; k++)
          records.push({
            key: `n-${k}`,
            data: { k },
            meta: { source: { node: ctx.nodeId, system: 't', entity: 'N' } },
          });
        yield { records, watermark: String(i + opts.pageSize - 1) };
      }
    },
  });
}

/** Runs a flow on a memory recorder, noting every watermark committed, in commit order; `from`: where its sources start. */
export async function runNoting(flow: ValidFlow<AnyNodeDefinition>, retryAttempts = 0, from: string | null = null) {
  const recorder = new MemoryRecorder();
  const marks: string[] = [];
  const page = recorder.page.bind(recorder);
  recorder.page = async (results, mark) => {
    if (mark) marks.push(mark.value);
    await page(results, mark);
  };
  const signal = new AbortController().signal;
  const outcome = await runFlow(flow, {
    recorder,
    signal,
    watermark: async () => from,
    contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal }) as unknown as NodeContext,
    retry: { attempts: retryAttempts, baseMs: 1, maxMs: 1 },
  });
  return { outcome, recorder, marks };
}
