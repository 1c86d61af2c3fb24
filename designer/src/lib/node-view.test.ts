import { describe, expect, test } from 'vitest';
import { createRegistry } from '../../../nodes/registry';
import { filterNode } from '../../../nodes/core/filter.node.ts';
import { mappingNode } from '../../../nodes/core/mapping.node.ts';
import type { RunSnapshot } from '../api/api-types';
import { buildNodeViews } from './node-view';

const registry = createRegistry([filterNode, mappingNode]);
const doc = {
  nodes: [
    {
      id: 'active',
      type: 'core.filter',
      version: 1,
      title: 'Active only',
      position: { x: 0, y: 0 },
      config: { match: 'all', rules: [{ field: 'UsrActive.Name', op: 'equals', value: 'Yes' }] },
    },
    { id: 'map', type: 'core.mapping', version: 1, position: { x: 0, y: 0 }, config: { targetType: 'nope' } },
    { id: 'odd', type: 'acme.unknown', version: 1, position: { x: 0, y: 0 }, config: {} },
  ],
};

function snapshot(nodes: Partial<RunSnapshot['nodes'][number]>[]): RunSnapshot {
  const counters = { in: 0, out: 0, failed: 0, passed: 0, filtered: 0, created: 0, updated: 0, skipped: 0 };
  return {
    runId: 'r1',
    flowId: 'f1',
    flowVersion: null,
    status: 'running',
    trigger: 'manual',
    queuedAt: '2026-01-01T00:00:00Z',
    startedAt: '2026-01-01T00:00:01Z',
    finishedAt: null,
    error: null,
    nodes: nodes.map((n) => ({ id: 'x', type: 't', state: 'idle', status: null, watermark: null, ...counters, ...n })),
  } as RunSnapshot;
}

describe('buildNodeViews', () => {
  test('without a run every node is idle with zero counters', () => {
    const views = buildNodeViews(doc, registry, null, []);
    expect(views.get('active')).toMatchObject({
      title: 'Active only',
      typeLabel: 'Filter',
      summary: 'UsrActive.Name = Yes',
      hasRun: false,
    });
    expect(views.get('active')?.live).toEqual({
      state: 'idle',
      in: 0,
      out: 0,
      failed: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      status: null,
      watermark: null,
      dryRun: false,
    });
    expect(views.get('active')?.inputs).toEqual([{ name: 'in', label: 'Records' }]);
  });

  test('maps snapshot nodes by id onto the views', () => {
    const s = snapshot([
      {
        id: 'active',
        state: 'running',
        in: 10,
        out: 7,
        failed: 1,
        status: 'reading page 2',
        watermark: '2026-01-05T09:00:00Z|42',
      },
    ]);
    const views = buildNodeViews(doc, registry, s, []);
    expect(views.get('active')?.live).toEqual({
      state: 'running',
      in: 10,
      out: 7,
      failed: 1,
      created: 0,
      updated: 0,
      skipped: 0,
      status: 'reading page 2',
      watermark: '2026-01-05T09:00:00Z|42',
      dryRun: false,
    });
    expect(views.get('active')?.hasRun).toBe(true);
    expect(views.get('map')?.hasRun).toBe(false); // not in this run (e.g. added after it started)
  });

  test('an invalid config or an unknown type still gives a readable view', () => {
    const views = buildNodeViews(doc, registry, null, [
      { nodeId: 'map', message: 'x' },
      { nodeId: 'map', message: 'y' },
    ]);
    expect(views.get('map')).toMatchObject({ title: 'Mapping', summary: 'Settings need attention', problems: 2 });
    expect(views.get('odd')).toMatchObject({
      typeLabel: 'Unknown type acme.unknown',
      category: 'unknown',
      inputs: [],
      outputs: [],
    });
  });

  test('unchanged views keep their identity so their nodes do not re-render', () => {
    const first = buildNodeViews(doc, registry, snapshot([{ id: 'active', in: 1 }]), []);
    const second = buildNodeViews(doc, registry, snapshot([{ id: 'active', in: 2 }]), [], first);
    expect(second.get('map')).toBe(first.get('map'));
    expect(second.get('active')).not.toBe(first.get('active'));
    expect(second.get('active')?.live.in).toBe(2);
  });
});

test('a stored watermark shows on a source until a run reports one', () => {
  const stored = new Map([['active', '2026-01-05T09:00:00Z|7']]);
  expect(buildNodeViews(doc, registry, null, [], undefined, stored).get('active')?.live.watermark).toBe(
    '2026-01-05T09:00:00Z|7',
  );
  const s = snapshot([{ id: 'active', watermark: '2026-02-01T00:00:00Z|9' }]);
  expect(buildNodeViews(doc, registry, s, [], undefined, stored).get('active')?.live.watermark).toBe(
    '2026-02-01T00:00:00Z|9',
  );
  // a run that read nothing new leaves the watermark where it was
  const quiet = snapshot([{ id: 'active', state: 'done', watermark: null }]);
  expect(buildNodeViews(doc, registry, quiet, [], undefined, stored).get('active')?.live).toMatchObject({
    state: 'done',
    watermark: '2026-01-05T09:00:00Z|7',
  });
});

test('a dry run marks every strip, keeps what the sink would write, and leaves the stored Query Start', () => {
  const stored = new Map([['active', '2026-01-05T09:00:00Z|7']]);
  const dry = {
    ...snapshot([
      { id: 'active', state: 'done', in: 5, watermark: '2026-02-01T00:00:00Z|9' },
      { id: 'map', state: 'done', in: 4, created: 3, updated: 1 },
    ]),
    dryRun: true,
  } as RunSnapshot;
  const views = buildNodeViews(doc, registry, dry, [], undefined, stored);
  expect(views.get('active')?.live).toMatchObject({ dryRun: true, watermark: '2026-01-05T09:00:00Z|7' });
  expect(views.get('map')?.live).toMatchObject({ dryRun: true, created: 3, updated: 1, skipped: 0 });
});
