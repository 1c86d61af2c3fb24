import { expect, test } from 'vitest';
import { parseRoute, routeHref } from './hash-route';

test('home for an empty or unknown hash', () => {
  expect(parseRoute('')).toEqual({ page: 'home' });
  expect(parseRoute('#/')).toEqual({ page: 'home' });
  expect(parseRoute('#/nowhere')).toEqual({ page: 'home' });
});

test('a flow by id, round-tripping odd characters', () => {
  expect(parseRoute('#/flows/abc-123')).toEqual({ page: 'flow', flowId: 'abc-123' });
  const href = routeHref({ page: 'flow', flowId: 'a b/c' });
  expect(parseRoute(href)).toEqual({ page: 'flow', flowId: 'a b/c' });
});

test('the connections screen', () => {
  expect(parseRoute('#/connections')).toEqual({ page: 'connections' });
  expect(parseRoute('#/connections?connected=qbo-acme-1a2b3c')).toEqual({ page: 'connections' });
  expect(routeHref({ page: 'connections' })).toBe('#/connections');
});

test('the audit log', () => {
  expect(parseRoute('#/audit')).toEqual({ page: 'audit' });
  expect(routeHref({ page: 'audit' })).toBe('#/audit');
  expect(parseRoute('#/notifications')).toEqual({ page: 'notifications' });
  expect(routeHref({ page: 'notifications' })).toBe('#/notifications');
  expect(parseRoute('#/monitor')).toEqual({ page: 'monitor' });
  expect(routeHref({ page: 'monitor' })).toBe('#/monitor');
});

test("a flow's run history and a past run on the canvas", () => {
  expect(parseRoute('#/flows/abc/runs')).toEqual({ page: 'runs', flowId: 'abc' });
  const href = routeHref({ page: 'past-run', flowId: 'a b', runId: '3f2c1a9e-8b4d-4e1f-9a7c-2d5e6f708192' });
  expect(href).toBe('#/flows/a%20b/runs/3f2c1a9e-8b4d-4e1f-9a7c-2d5e6f708192');
  expect(parseRoute(href)).toEqual({ page: 'past-run', flowId: 'a b', runId: '3f2c1a9e-8b4d-4e1f-9a7c-2d5e6f708192' });
});

test("a flow's template update review", () => {
  const href = routeHref({ page: 'template-update', flowId: 'a b' });
  expect(href).toBe('#/flows/a%20b/update');
  expect(parseRoute(href)).toEqual({ page: 'template-update', flowId: 'a b' });
});

test('the Configure solution page', () => {
  expect(routeHref({ page: 'solution' })).toBe('#/solution');
  expect(parseRoute('#/solution')).toEqual({ page: 'solution' });
  expect(parseRoute('#/solution/')).toEqual({ page: 'solution' });
});
