// Save, Run, Publish, Start/Stop: each saves the draft first when that is
// needed, and reports the outcome (or the server's refusal) in plain words.
import { useCallback, useRef, useState, type Dispatch } from 'react';
import { api } from '../api/trpc-client';
import type { DraftAction, DraftState } from '../lib/draft-state';
import { isDirty } from '../lib/draft-state';
import { plainError } from '../lib/plain-error';
import type { useToast } from '../ui/toast';
import type { TemplatePublishInput } from '../api/api-types';

export type Busy = null | 'save' | 'run' | 'dry-run' | 'publish' | 'state';

/** A save refused because someone else saved the flow since this editor loaded it (issue 14). */
export interface StaleSave {
  message: string;
}

interface Deps {
  flowId: string;
  /** The draft's revision as loaded; each save sends it and takes the new one. */
  revision: number;
  draft: DraftState;
  dispatch: Dispatch<DraftAction>;
  toast: ReturnType<typeof useToast>;
  reloadDetail: () => void;
}

export function useFlowActions({ flowId, revision, draft, dispatch, toast, reloadDetail }: Deps) {
  const [busy, setBusy] = useState<Busy>(null);
  const [stale, setStale] = useState<StaleSave | null>(null);
  const revisionRef = useRef(revision);
  const [startedRunId, setStartedRunId] = useState<string | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  /** Returns the problems the server found, or null when saving failed. */
  const persist = useCallback(async () => {
    const doc = draftRef.current.doc;
    const saved = await api.flows.save.mutate({ id: flowId, document: doc, baseRevision: revisionRef.current });
    revisionRef.current = saved.revision;
    dispatch({ kind: 'saved', doc });
    return saved.problems;
  }, [flowId, dispatch]);

  const guarded = useCallback(
    async (kind: Exclude<Busy, null>, doing: string, work: () => Promise<void>) => {
      setBusy(kind);
      try {
        await work();
      } catch (e) {
        // Someone saved since this editor loaded: nothing is overwritten; the page offers reload or differences.
        if ((e as { data?: { code?: string } })?.data?.code === 'CONFLICT' && /changed by/.test(String(e)))
          setStale({ message: (e as Error).message });
        else toast(plainError(e, doing), 'error');
      } finally {
        setBusy(null);
      }
    },
    [toast],
  );

  const save = useCallback(
    () =>
      guarded('save', 'save the flow', async () => {
        const problems = await persist();
        if (problems.length === 0) toast('Saved.', 'success');
        else
          toast(
            `Saved as a draft. ${problems.length} problem${problems.length === 1 ? '' : 's'} must be fixed before it can run or be published: see Problems.`,
            'info',
          );
      }),
    [guarded, persist, toast],
  );

  const start = useCallback(
    (dryRun: boolean) =>
      guarded(dryRun ? 'dry-run' : 'run', dryRun ? 'start a dry run' : 'start a run', async () => {
        if (isDirty(draftRef.current)) await persist();
        const { runId } = await api.runs.start.mutate({ flowId, ...(dryRun ? { dryRun } : {}) });
        setStartedRunId(runId);
        // Tagged with the run: the message goes when the run ends (editor-page.tsx).
        toast(
          dryRun
            ? 'Dry run started: nothing is written. Each step shows what it would create, update or skip.'
            : 'Run started. The counters on each step update as records move.',
          'success',
          { tag: `run:${runId}` },
        );
      }),
    [guarded, persist, flowId, toast],
  );
  const run = useCallback(() => start(false), [start]);
  const dryRun = useCallback(() => start(true), [start]);

  const publish = useCallback(
    (notes: string, after: () => void) =>
      guarded('publish', 'publish', async () => {
        if (isDirty(draftRef.current)) await persist();
        const { version } = await api.flows.publish.mutate({ id: flowId, notes, baseRevision: revisionRef.current });
        toast(`Published version ${version}.`, 'success');
        after();
        reloadDetail();
      }),
    [guarded, persist, flowId, toast, reloadDetail],
  );

  /** Issue 15: the saved draft as a new template or the next version of one (solutions specialist). */
  const publishTemplate = useCallback(
    (input: Omit<TemplatePublishInput, 'flowId'>, after: () => void) =>
      guarded('publish', 'publish the template', async () => {
        if (isDirty(draftRef.current)) await persist();
        const { version } = await api.templates.publish.mutate({ flowId, ...input });
        toast(`Published “${input.fields.title}” as template version ${version}.`, 'success');
        after();
        reloadDetail();
      }),
    [guarded, persist, flowId, toast, reloadDetail],
  );

  const setState = useCallback(
    (state: 'started' | 'stopped') =>
      guarded('state', state === 'started' ? 'start the schedule' : 'stop the schedule', async () => {
        await api.flows.setState.mutate({ id: flowId, state });
        toast(
          state === 'started'
            ? 'Schedule started: the published version runs on its schedule.'
            : 'Schedule stopped: no more scheduled runs.',
          'success',
        );
        reloadDetail();
      }),
    [guarded, flowId, toast, reloadDetail],
  );

  /** The editor took a newer draft (reloaded, rolled back): later saves are based on it. */
  const loadedRevision = useCallback((r: number) => {
    revisionRef.current = r;
    setStale(null);
  }, []);

  return {
    busy,
    startedRunId,
    save,
    run,
    dryRun,
    publish,
    publishTemplate,
    setState,
    stale,
    dismissStale: () => setStale(null),
    loadedRevision,
  };
}
