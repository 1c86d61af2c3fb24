// Hash routes (`#/`, `#/flows/<id>`), so a reload works without server routes.

export type Route = { page: 'home' } | { page: 'flow'; flowId: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const m = /^\/flows\/([^/?#]+)\/?$/.exec(path);
  if (m) return { page: 'flow', flowId: decodeURIComponent(m[1]) };
  return { page: 'home' };
}

export function routeHref(route: Route): string {
  return route.page === 'flow' ? `#/flows/${encodeURIComponent(route.flowId)}` : '#/';
}
