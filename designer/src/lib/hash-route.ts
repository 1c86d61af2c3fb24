// Hash routes (`#/`, `#/flows/<id>`, `#/flows/<id>/runs[/<runId>]`, `#/flows/<id>/update`, `#/audit`, `#/members`,
// `#/connections`, `#/review`, `#/solution`), so a reload works without server routes.

export type Route =
  | { page: 'home' }
  | { page: 'flow'; flowId: string }
  | { page: 'runs'; flowId: string }
  | { page: 'template-update'; flowId: string }
  | { page: 'past-run'; flowId: string; runId: string }
  | { page: 'audit' }
  | { page: 'connections' }
  | { page: 'notifications' }
  | { page: 'monitor' }
  | { page: 'members' }
  | { page: 'review' }
  | { page: 'solution' }
  | { page: 'errors'; entryId: string | null }
  | { page: 'guide'; name: string | null };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const runs = /^\/flows\/([^/?#]+)\/runs(?:\/([^/?#]+))?\/?$/.exec(path);
  if (runs?.[2]) return { page: 'past-run', flowId: decodeURIComponent(runs[1]), runId: decodeURIComponent(runs[2]) };
  if (runs) return { page: 'runs', flowId: decodeURIComponent(runs[1]) };
  const update = /^\/flows\/([^/?#]+)\/update\/?$/.exec(path);
  if (update) return { page: 'template-update', flowId: decodeURIComponent(update[1]) };
  const m = /^\/flows\/([^/?#]+)\/?$/.exec(path);
  if (m) return { page: 'flow', flowId: decodeURIComponent(m[1]) };
  if (/^\/audit\/?$/.test(path)) return { page: 'audit' };
  if (/^\/notifications\/?$/.test(path)) return { page: 'notifications' };
  if (/^\/monitor\/?$/.test(path)) return { page: 'monitor' };
  if (/^\/members\/?$/.test(path)) return { page: 'members' };
  if (/^\/review\/?$/.test(path)) return { page: 'review' };
  if (/^\/solution\/?$/.test(path)) return { page: 'solution' };
  const errors = /^\/errors(?:\/([a-z0-9-]+))?\/?$/i.exec(path);
  if (errors) return { page: 'errors', entryId: errors[1] ?? null };
  const guide = /^\/guide(?:\/([a-z0-9-]+))?\/?$/.exec(path);
  if (guide) return { page: 'guide', name: guide[1] ?? null };
  // `?connected=<id>`: back from a QuickBooks Online connect (the page reads it).
  if (/^\/connections\/?(\?.*)?$/.test(path)) return { page: 'connections' };
  return { page: 'home' };
}

export function routeHref(route: Route): string {
  if (route.page === 'audit') return '#/audit';
  if (route.page === 'notifications') return '#/notifications';
  if (route.page === 'monitor') return '#/monitor';
  if (route.page === 'members') return '#/members';
  if (route.page === 'template-update') return `#/flows/${encodeURIComponent(route.flowId)}/update`;
  if (route.page === 'runs') return `#/flows/${encodeURIComponent(route.flowId)}/runs`;
  if (route.page === 'past-run')
    return `#/flows/${encodeURIComponent(route.flowId)}/runs/${encodeURIComponent(route.runId)}`;
  if (route.page === 'review') return '#/review';
  if (route.page === 'solution') return '#/solution';
  if (route.page === 'errors') return route.entryId ? `#/errors/${route.entryId}` : '#/errors';
  if (route.page === 'guide') return route.name ? `#/guide/${route.name}` : '#/guide';
  if (route.page === 'connections') return '#/connections';
  return route.page === 'flow' ? `#/flows/${encodeURIComponent(route.flowId)}` : '#/';
}
