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

export function VirtualList<T>(p: Props<T>) {
  const { items, rowHeight, total, overscan = 8, render, keyOf, onNearEnd, label, testId } = p;
  const scroller = useRef<HTMLDivElement>(null);
  const count = Math.max(items.length, total ?? 0);
  // Only the window of rows is state: scrolling within it renders nothing.
  const [range, setRange] = useState({ first: 0, end: Math.min(count, 30) });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    const el = scroller.current;
    if (!el) return;
    const first = Math.max(0, Math.floor(el.scrollTop / rowHeight) - overscan);
    const end = Math.min(count, Math.ceil((el.scrollTop + el.clientHeight) / rowHeight) + overscan);
    setRange((r) => (r.first === first && r.end === end ? r : { first, end }));
  }, [rowHeight, overscan, count]);
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

  const { first, end } = range;
  const last = Math.min(items.length, end);
  useEffect(() => {
    if (onNearEnd && last >= items.length - overscan * 2) onNearEnd();
  }, [last, items.length, overscan, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++)
    rows.push(
      <div key={keyOf(items[i])} role="listitem" className="vrow" style={{ height: rowHeight }}>
        {render(items[i], i)}
      </div>,
    );
  // Rows scrolled to before their page arrived: a placeholder each, until it does.
  for (let i = Math.max(first, items.length); i < end; i++)
    rows.push(
      <div key={`loading-${i}`} className="vrow vrow-loading" style={{ height: rowHeight }}>
        Loading…
      </div>,
    );
  // The window moves as one box (a transform: no layout of the rows above it).
  return (
    <div ref={scroller} className="vlist" onScroll={onScroll} aria-label={label} data-testid={testId} tabIndex={0}>
      <div role="list" style={{ position: 'relative', height: count * rowHeight }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
