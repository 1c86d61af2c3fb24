// The editor's part of issue 14, kept out of the editor page: the Versions screen
// (with Download), the stale-save dialog (reload their draft, or show differences),
// and taking a newer draft (rolled back, reloaded) so later saves build on it.
import { useCallback, useState, type Dispatch } from 'react';
import type { FlowDocument } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import { saveText } from '../connections/connection-kinds';
import type { DraftAction } from '../lib/draft-state';
import { plainError } from '../lib/plain-error';
import { upgradeNodes } from '../lib/upgrade-nodes';
import { registry } from '../registry';
import type { useToast } from '../ui/toast';
import { HistoryPanel, type Side } from './history-panel';
import { StaleSaveDialog } from './stale-save-dialog';

interface Deps {
  flowId: string;
  doc: FlowDocument;
  dirty: boolean;
  dispatch: Dispatch<DraftAction>;
  toast: ReturnType<typeof useToast>;
  reloadDetail: () => void;
  /** From useFlowActions: the refused save, and where the editor's revision is kept. */
  actions: { stale: { message: string } | null; dismissStale: () => void; loadedRevision: (r: number) => void };
  /** Closes the editor's own dialogs (a publish refused as stale leaves its dialog open). */
  closeDialogs: () => void;
}

export function useVersionsUi(d: Deps) {
  const { flowId, dispatch, toast, reloadDetail, actions, closeDialogs } = d;
  /** The Versions screen, and the comparison it opens with. */
  const [open, setOpen] = useState<null | { from?: Side; to?: Side }>(null);

  const takeDraft = useCallback(
    (doc: FlowDocument, revision: number) => {
      dispatch({ kind: 'load', doc: upgradeNodes(doc, registry) });
      actions.loadedRevision(revision);
      reloadDetail();
    },
    [actions, dispatch, reloadDetail],
  );
  const reloadTheirs = useCallback(async () => {
    try {
      const f = await api.flows.get.query({ id: flowId });
      takeDraft(f.draft, f.revision);
      setOpen(null);
      toast(`Reloaded: this is the flow as ${f.updatedBy ?? 'someone else'} saved it.`, 'info');
    } catch (e) {
      toast(plainError(e, 'reload the flow'), 'error');
    }
  }, [flowId, takeDraft, toast]);
  const download = useCallback(async () => {
    try {
      const f = await api.flows.versions.exportFile.query({ id: flowId });
      saveText(f.filename, f.text, 'application/json');
      toast(d.dirty ? 'Downloaded the saved draft; your unsaved changes are not in the file.' : 'Downloaded.', 'info');
    } catch (e) {
      toast(plainError(e, 'download the flow'), 'error');
    }
  }, [flowId, d.dirty, toast]);

  const elements = (
    <>
      {open && (
        <HistoryPanel
          flowId={flowId}
          flowName={d.doc.name}
          draft={d.doc}
          dirty={d.dirty}
          initial={open.from !== undefined ? { from: open.from, to: open.to ?? 'draft' } : undefined}
          onClose={() => setOpen(null)}
          onDownload={() => void download()}
          onRolledBack={(doc, revision, version) => {
            takeDraft(doc, revision);
            setOpen(null);
            toast(`The draft is now a copy of version ${version}. Publish it to run it on the schedule.`, 'success');
          }}
        />
      )}
      {actions.stale && (
        <StaleSaveDialog
          message={actions.stale.message}
          onClose={actions.dismissStale}
          onReload={() => (closeDialogs(), void reloadTheirs())}
          onShowDifferences={() => {
            actions.dismissStale();
            closeDialogs();
            setOpen({ from: 'saved', to: 'draft' });
          }}
        />
      )}
    </>
  );
  return { open: () => setOpen({}), elements };
}
