// Topological order of node ids; ties broken by node id so the order never
// depends on canvas position, titles or insertion order (an n8n regret).
// Returns the ids left in a cycle separately instead of throwing.
export function topoOrder(
  nodeIds: string[],
  edges: { from: string; to: string }[],
): { order: string[]; cyclic: string[] } {
  const indegree = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) {
    if (!indegree.has(e.from) || !indegree.has(e.to)) continue;
    next.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  const ready = nodeIds.filter((id) => indegree.get(id) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const to of next.get(id)!) {
      const d = indegree.get(to)! - 1;
      indegree.set(to, d);
      if (d === 0) {
        // keep `ready` sorted: small graphs, so a sorted insert is plenty
        const at = ready.findIndex((r) => r > to);
        ready.splice(at < 0 ? ready.length : at, 0, to);
      }
    }
  }
  // Left over: the loops and everything downstream of them. Peel off the nodes that
  // feed nothing left over, so only nodes on a loop are named.
  const left = new Set(nodeIds.filter((id) => !order.includes(id)));
  for (let peeled = true; peeled;) {
    peeled = false;
    for (const id of left) {
      if (!next.get(id)!.some((to) => left.has(to))) {
        left.delete(id);
        peeled = true;
      }
    }
  }
  return { order, cyclic: [...left].sort() };
}
