import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError } from '../lib/plain-error';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Load once (and again on `reload` or when `key` changes); errors in plain words. */
export function useAsync<T>(load: () => Promise<T>, key: string, doing: string): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef.current().then(
      (d) => live && (setData(d), setError(null), setLoading(false)),
      (e: unknown) => live && (setError(plainError(e, doing)), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [key, tick, doing]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
