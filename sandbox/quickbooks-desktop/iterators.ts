// qbXML iterators: `iterator="Start"` snapshots the matching ids and returns
// MaxReturned of them with iteratorID and iteratorRemainingCount; `Continue`
// returns the next page. They live only within the Web Connector session that
// started them (reference C3): a Continue in another session finds nothing.
import { childText, type El } from './qbxml-in';
import { NO_MATCH, OK, notFound, type Status } from './qbxml-out';
import type { Session } from './session';

export function filterRet(ret: Record<string, unknown>, include: string[]): Record<string, unknown> {
  if (include.length === 0) return ret;
  return Object.fromEntries(Object.entries(ret).filter(([k]) => include.includes(k)));
}

export function pageOf<T>(
  session: Session,
  rq: El,
  ids: string[],
  load: (id: string) => T | undefined,
  render: (rows: T[]) => unknown[],
  retName: string,
): [Status, Record<string, unknown>, Record<string, string>] {
  const max = Number(childText(rq, 'MaxReturned') ?? Number.POSITIVE_INFINITY);
  const mode = rq.attrs.iterator;
  if (mode === 'Continue') {
    const it = session.iterators.get(rq.attrs.iteratorID ?? '');
    if (!it) return [notFound(rq.attrs.iteratorID ?? ''), {}, {}];
    const page = it.ids.slice(it.pos, it.pos + it.max);
    it.pos += page.length;
    const rows = page.map(load).filter((x): x is T => x !== undefined);
    return [
      rows.length ? OK : NO_MATCH,
      rows.length ? { [retName]: render(rows) } : {},
      { iteratorRemainingCount: String(it.ids.length - it.pos), iteratorID: rq.attrs.iteratorID! },
    ];
  }
  if (mode === 'Start') {
    const id = `{${crypto.randomUUID().toUpperCase()}}`;
    const size = Number.isFinite(max) ? max : 100;
    session.iterators.set(id, { ids, pos: size, max: size });
    const rows = ids
      .slice(0, size)
      .map(load)
      .filter((x): x is T => x !== undefined);
    return [
      rows.length ? OK : NO_MATCH,
      rows.length ? { [retName]: render(rows) } : {},
      { iteratorRemainingCount: String(Math.max(0, ids.length - size)), iteratorID: id },
    ];
  }
  const rows = ids
    .slice(0, max)
    .map(load)
    .filter((x): x is T => x !== undefined);
  return [rows.length ? OK : NO_MATCH, rows.length ? { [retName]: render(rows) } : {}, {}];
}
