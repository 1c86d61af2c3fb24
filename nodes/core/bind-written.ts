// One "bind what was written" for every sink and look-up that creates records (issue 13:
// five near-copies before): each record written is remembered in the cross-reference, so
// the next run finds its counterpart and updates it instead of matching or creating again.
// Bindings are grouped by pair of systems, one `bind` call each.
import type { NodeContext, XrefTarget } from '../define-node';

export interface Written {
  target: XrefTarget;
  sourceKey: string;
  targetId: string;
  /** The target's version after the write (e.g. a QuickBooks SyncToken), when it has one. */
  version?: string;
}

export async function bindWritten(
  ctx: Pick<NodeContext, 'xref' | 'dryRun'>,
  written: Iterable<Written>,
): Promise<void> {
  // A dry run wrote nothing: there is nothing to remember (issue 14).
  if (ctx.dryRun) return;
  const groups = new Map<
    string,
    { target: XrefTarget; pairs: { sourceKey: string; targetId: string; version?: string }[] }
  >();
  for (const w of written) {
    const key = JSON.stringify(w.target);
    const g = groups.get(key) ?? { target: w.target, pairs: [] };
    g.pairs.push(
      w.version === undefined
        ? { sourceKey: w.sourceKey, targetId: w.targetId }
        : { sourceKey: w.sourceKey, targetId: w.targetId, version: w.version },
    );
    groups.set(key, g);
  }
  for (const g of groups.values()) await ctx.xref.bind(g.target, g.pairs);
}
