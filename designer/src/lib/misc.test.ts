import { expect, test } from 'vitest';
import { plainError } from './plain-error';
import { formatDuration, runDuration } from './run-status';
import { newerSnapshot, unwrapSnapshot } from './live-event';
import type { RunSnapshot } from '../api/api-types';

test('server errors in plain words', () => {
  expect(plainError(new TypeError('Failed to fetch'), 'save')).toBe(
    "Could not save: Weft's server did not answer. Check that it is running, then try again.",
  );
  const zod = JSON.stringify([
    { message: 'Too big: expected string to have <=120 characters', path: ['document', 'name'] },
  ]);
  expect(plainError({ message: zod, data: { code: 'BAD_REQUEST' } })).toBe(
    'Too big: expected string to have <=120 characters (at document.name).',
  );
  expect(plainError({ message: 'This flow cannot run yet: x', data: { code: 'BAD_REQUEST' } })).toBe(
    'This flow cannot run yet: x',
  );
});

test('durations', () => {
  expect(formatDuration(450)).toBe('450 ms');
  expect(formatDuration(65_000)).toBe('1 min 05 s');
  expect(runDuration({ startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:04Z' }, 0)).toBe('4 s');
  expect(runDuration({ startedAt: null, finishedAt: null }, 0)).toBeNull();
});

test('live events: plain or tracked snapshots; a newer run replaces an older one', () => {
  const a = { runId: 'a', nodes: [], queuedAt: '2026-01-01T00:00:00Z' } as unknown as RunSnapshot;
  const b = { runId: 'b', nodes: [], queuedAt: '2026-01-01T00:01:00Z' } as unknown as RunSnapshot;
  expect(unwrapSnapshot(a)).toBe(a);
  expect(unwrapSnapshot({ id: '1', data: b })).toBe(b);
  expect(unwrapSnapshot({ hello: 1 })).toBeNull();
  expect(newerSnapshot(b, a)).toBe(b);
  expect(newerSnapshot(a, b)).toBe(b);
});

test('the same run never goes back to an older state', () => {
  const node = { id: 'n', in: 5, out: 5, failed: 0 };
  const done = {
    runId: 'a',
    status: 'succeeded',
    nodes: [node],
    queuedAt: '2026-01-01T00:00:00Z',
  } as unknown as RunSnapshot;
  const earlier = {
    runId: 'a',
    status: 'running',
    nodes: [{ ...node, out: 2 }],
    queuedAt: '2026-01-01T00:00:00Z',
  } as unknown as RunSnapshot;
  expect(newerSnapshot(done, earlier)).toBe(done);
  expect(newerSnapshot(earlier, done)).toBe(done);
});
