// Hash routes (`#/`, `#/flows/<id>`, `#/flows/<id>/runs[/<runId>]`, `#/audit`, `#/members`,
// `#/connections`), so a reload works without server routes.

export type Route =
  | { page: 'home' }
  | { page: 'flow'; flowId: string }
  | { page: 'runs'; flowId: string }
  | { page: 'past-run'; flowId: string; runId: string }
  | { page: 'audit' }
  | { page: 'connections' }
  | { page: 'notifications' }
  | { page: 'monitor' }
  | { page: 'members' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const runs = /^\/flows\/([^/?#]+)\/runs(?:\/([^/?#]+))?\/?$/.exec(path);
  if (runs?.[2]) return { page: 'past-run', flowId: decodeURIComponent(runs[1]), runId: decodeURIComponent(runs[2]) };
  if (runs) return { page: 'runs', flowId: decodeURIComponent(runs[1]) };
  const m = /^\/flows\/([^/?#]+)\/?$/.exec(path);
  if (m) return { page: 'flow', flowId: decodeURIComponent(m[1]) };
  if (/^\/audit\/?$/.test(path)) return { page: 'audit' };
  if (/^\/notifications\/?$/.test(path)) return { page: 'notifications' };
  if (/^\/monitor\/?$/.test(path)) return { page: 'monitor' };
  if (/^\/members\/?$/.test(path)) return { page: 'members' };
  // `?connected=<id>`: back from a QuickBooks Online connect (the page reads it).
  if (/^\/connections\/?(\?.*)?$/.test(path)) return { page: 'connections' };
  return { page: 'home' };
}

export function routeHref(route: Route): string {
  if (route.page === 'audit') return '#/audit';
  if (route.page === 'notifications') return '#/notifications';
  if (route.page === 'monitor') return '#/monitor';
  if (route.page === 'members') return '#/members';
  if (route.page === 'runs') return `#/flows/${encodeURIComponent(route.flowId)}/runs`;
  if (route.page === 'past-run')
    return `#/flows/${encodeURIComponent(route.flowId)}/runs/${encodeURIComponent(route.runId)}`;
  if (route.page === 'connections') return '#/connections';
  return route.page === 'flow' ? `#/flows/${encodeURIComponent(route.flowId)}` : '#/';
}
