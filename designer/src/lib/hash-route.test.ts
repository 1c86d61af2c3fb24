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
