// A windowed list: only the rows in view (plus a few either side) are in the DOM, so a
// list of 100,000 failed records scrolls like one of 50 (issue 16). Rows have one fixed
// height; the scroller's inner box has the whole list's height so the scrollbar is true.
// When the view nears the end of what is loaded, `onNearEnd` asks for the next page.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: T[];
  rowHeight: number;
  /** The whole list's length when known (server count), so the scrollbar does not jump as pages arrive. */
  total?: number;
  overscan?: number;
  render: (item: T, index: number) => ReactNode;
  keyOf: (item: T) => string;
  onNearEnd?: () => void;
  label: string;
  testId?: string;
}

export function VirtualList<T>({ items, rowHeight, total, overscan = 8, render, keyOf, onNearEnd, label, testId }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  // One state update per animation frame, however many scroll events arrive.
  const onScroll = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(measure);
  }, [measure]);

  useEffect(() => {
    measure();
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => measure());
    ro.observe(el);
    return () => {
      ro.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
  }, [measure]);

  const count = Math.max(items.length, total ?? 0);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const last = Math.min(items.length, end);

  useEffect(() => {
    if (onNearEnd && last >= items.length - overscan * 2) onNearEnd();
  }, [last, items.length, overscan, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++)
    rows.push(
      <div
        key={keyOf(items[i])}
        role="listitem"
        className="vrow"
        style={{ position: 'absolute', top: i * rowHeight, height: rowHeight, left: 0, right: 0 }}
      >
        {render(items[i], i)}
      </div>,
    );
  // Rows scrolled to before their page arrived: a placeholder each, until it does.
  for (let i = Math.max(first, items.length); i < end; i++)
    rows.push(
      <div key={`loading-${i}`} className="vrow vrow-loading" style={{ position: 'absolute', top: i * rowHeight, height: rowHeight, left: 0, right: 0 }}>
        Loading…
      </div>,
    );
  return (
    <div ref={scroller} className="vlist" onScroll={onScroll} aria-label={label} data-testid={testId} tabIndex={0}>
      <div role="list" style={{ position: 'relative', height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
