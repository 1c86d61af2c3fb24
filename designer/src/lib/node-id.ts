// New node ids: a readable slug from the node type, unique in the flow, e.g.
// dropping a second filter gives `filter-2`. Ids are what edges and runs refer
// to, so they never depend on titles or canvas position.

const MAX_BASE = 50; // ids are at most 63 characters (flow-document.ts NodeId)

/** `core.filter` → `filter`, `quickbooks-online.sink` → `sink`. */
export function slugFromType(type: string): string {
  const last = type.split('.').pop() ?? type;
  let slug = last
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  if (!/^[a-z]/.test(slug)) slug = `node${slug ? `-${slug}` : ''}`;
  return slug;
}

/**
 * `<slug>-<n>` where n starts at (nodes of this type + 1), so the second
 * filter in a flow is `filter-2`, and moves up until the id is free.
 */
export function nextNodeId(type: string, nodes: readonly { id: string; type: string }[]): string {
  const base = slugFromType(type);
  const taken = new Set(nodes.map((n) => n.id));
  let n = nodes.filter((x) => x.type === type).length + 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
