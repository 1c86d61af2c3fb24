// The failed records of one node, page by page from the server (keyset: each page asks for
// the records after the last one it has), with the filters' facets. Pages load as the list
// scrolls near its end; a filter change starts again from the first page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueFacets, QueuedRecord } from '../api/api-types';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';

export type QueueState = QueuedRecord['state'];

export interface QueueFilter {
  flowId: string;
  nodeId: string | null;
  states: QueueState[];
  code: string | null;
  field: string | null;
}

const PAGE = 200;

export function useFailureQueue(filter: QueueFilter) {
  const [rows, setRows] = useState<QueuedRecord[]>([]);
  const [facets, setFacets] = useState<QueueFacets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const next = useRef<string | null>(null);
  const done = useRef(false);
  const busy = useRef(false);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const loadMore = useCallback(async () => {
    if (busy.current || done.current) return;
    busy.current = true;
    const gen = generation.current;
    try {
      const page = await api.failures.list.query({ ...filter, after: next.current, limit: PAGE });
      if (gen !== generation.current) return;
      next.current = page.next;
      done.current = page.next === null;
      setRows((cur) => [...cur, ...page.rows]);
    } catch (e) {
      if (gen === generation.current) setError(plainError(e, 'load the failed records'));
    } finally {
      if (gen === generation.current) {
        busy.current = false;
        setLoading(false);
      }
    }
    // `key` stands for the filter's content: a new filter object with the same content is the same list.
  }, [key]);

  const reload = useCallback(() => {
    generation.current++;
    next.current = null;
    done.current = false;
    busy.current = false;
    setRows([]);
    setError(null);
    setLoading(true);
    void api.failures.facets
      .query(filter)
      .then(setFacets)
      .catch((e) => setError(plainError(e, 'count the failed records')));
    void loadMore();
    // `key` stands for the filter's content: a new filter object with the same content is the same list.
  }, [key, loadMore]);

  useEffect(() => reload(), [reload]);
  return { rows, facets, error, loading, loadMore, reload };
}
