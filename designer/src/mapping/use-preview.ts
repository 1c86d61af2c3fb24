// The preview of the first 20 records through one node, asked again ~400 ms
// after the last edit; an older answer that arrives late never replaces a newer one.
import { useEffect, useRef, useState } from 'react';
import type { FlowDocument } from '../../../flow/flow-document';
import { plainError } from '../lib/plain-error';
import { loadPreview } from './mapping-api';
import type { PreviewResult } from './mapping-types';

export const PREVIEW_DEBOUNCE_MS = 400;

export interface PreviewState {
  result: PreviewResult | null;
  error: string | null;
  loading: boolean;
  /** Bumped on every answer, so a test or a person can see the preview was redone. */
  generation: number;
}

export function usePreview(flowId: string, document: FlowDocument, nodeId: string): PreviewState {
  const [state, setState] = useState<PreviewState>({ result: null, error: null, loading: true, generation: 0 });
  const first = useRef(true);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const wait = first.current ? 0 : PREVIEW_DEBOUNCE_MS;
    first.current = false;
    const timer = setTimeout(() => {
      loadPreview({ flowId, document, nodeId }, abort.signal).then(
        (result) => setState((s) => ({ result, error: null, loading: false, generation: s.generation + 1 })),
        (e: unknown) => {
          if (abort.signal.aborted) return;
          setState((s) => ({ ...s, error: plainError(e, 'preview the records'), loading: false }));
        },
      );
    }, wait);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [flowId, document, nodeId]);
  return state;
}
