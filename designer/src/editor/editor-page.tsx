// The flow editor at #/flows/<id>: toolbar, palette, canvas, inspector, and a
// bottom panel with the draft's problems or a step's failed records.
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { AnyNodeDefinition } from '../../../nodes/define-node';
import { validateFlow } from '../../../flow/validate-flow';
import type { FlowDetail } from '../api/api-types';
import { api } from '../api/trpc-client';
import { draftReducer, initDraft, isDirty, selectedNodeId, type DraftAction } from '../lib/draft-state';
import { upgradeNodes } from '../lib/upgrade-nodes';
import { buildNodeViews, type NodeView } from '../lib/node-view';
import { isFinished } from '../lib/run-status';
import { registry } from '../registry';
import { useDismissToast, useToast } from '../ui/toast';
import { useSession } from '../account/session';
import { useAsync } from '../ui/use-async';
import { EditorActionsContext, NodeViewsContext, type EditorActions } from './editor-context';
import { FailuresDrawer } from '../failures/failures-drawer';
import { FlowCanvas } from './flow-canvas';
import { Inspector, type NodeTool } from './inspector';
import { NodePreview } from '../mapping/node-preview';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { PublishDialog } from './publish-dialog';
import { PublishTemplateDialog } from '../templates/publish-template-dialog';
import { UpdateBanner } from '../templates/update-banner';
import { SettingsDialog } from './settings-dialog';
import { Toolbar } from './toolbar';
import { useFlowActions } from './use-flow-actions';
import { useLiveRun } from './use-live-run';
import { ThroughputContext, useThroughput } from './use-throughput';
import { useRunPollFallback, useUnsavedGuard } from './editor-effects';
import { useVersionsUi } from '../versions/versions-ui';

// The mapping editor (and the JSONata parser, and Monaco inside it) loads when first opened.
const MappingEditor = lazy(() => import('../mapping/mapping-editor').then((m) => ({ default: m.MappingEditor })));

export function EditorPage({ flowId }: { flowId: string }) {
  const detail = useAsync(() => api.flows.get.query({ id: flowId }), flowId, 'open the flow');
  if (detail.error && !detail.data) {
    return (
      <main className="centered" role="alert">
        <p>{detail.error}</p>
        <a className="button" href="#/">
          Back to your flows
        </a>
      </main>
    );
  }
  if (!detail.data) return <main className="centered muted">Opening the flow…</main>;
  return (
    <ReactFlowProvider>
      <Editor flowId={flowId} detail={detail.data} reloadDetail={detail.reload} />
    </ReactFlowProvider>
  );
}

type Bottom = { kind: 'problems' } | { kind: 'failures'; nodeId: string };

function Editor({ flowId, detail, reloadDetail }: { flowId: string; detail: FlowDetail; reloadDetail: () => void }) {
  const toast = useToast();
  const flow = useReactFlow();
  // Old node configs (a version 1 mapping) open upgraded, without counting as an unsaved change.
  const [draft, dispatch] = useReducer(draftReducer, detail.draft, (d) => initDraft(upgradeNodes(d, registry)));
  const [bottom, setBottom] = useState<Bottom>({ kind: 'problems' });
  const [dialog, setDialog] = useState<null | 'settings' | 'publish' | 'publish-template'>(null);
  const [tool, setTool] = useState<{ nodeId: string; tool: NodeTool } | null>(null);
  const [saveSoon, setSaveSoon] = useState(false);
  const live = useLiveRun(flowId);
  const actions = useFlowActions({ flowId, revision: detail.revision, draft, dispatch, toast, reloadDetail });
  const dirty = isDirty(draft);
  const versions = useVersionsUi({
    ...{ flowId, doc: draft.doc, dirty, dispatch, toast, reloadDetail, actions },
    closeDialogs: () => setDialog(null),
  });
  const snapshot = useRunPollFallback(live, actions.startedRunId);
  // Starting until the started run shows up once; a later run (a retry of failed records, issue 16) then takes over.
  const seenStarted = useRef<string | null>(null);
  if (actions.startedRunId !== null && snapshot?.runId === actions.startedRunId) seenStarted.current = snapshot.runId;
  const starting = actions.startedRunId !== null && seenStarted.current !== actions.startedRunId;
  const rates = useThroughput(starting ? null : snapshot);
  useUnsavedGuard(dirty);
  // The message "Run started…" goes when that run ends (issue 14: no stale message over the canvas).
  const dismissToast = useDismissToast();
  const ended = snapshot && isFinished(snapshot.status) ? snapshot.runId : null;
  useEffect(() => {
    if (ended) dismissToast(`run:${ended}`);
  }, [ended, dismissToast]);

  const problems = useMemo(() => {
    const v = validateFlow(draft.doc, registry);
    return v.ok ? [] : v.problems;
  }, [draft.doc]);
  // Reloaded when a run finishes: that is when a source's watermark moves.
  const finishedRun = snapshot && isFinished(snapshot.status) ? snapshot.runId : '';
  const watermarks = useAsync(
    () => api.flows.watermarks.query({ id: flowId }),
    `${flowId}:${finishedRun}`,
    'load the watermarks',
  );
  // Same roles as the server's `flows.operate` (server/auth/roles.ts); the server checks again.
  const { me } = useSession();
  const canOperate = me.workspace.role === 'admin' || me.workspace.role === 'operator';
  // Same roles as the server's `records.fix`: support and admins fix failed records.
  const canFix = me.workspace.role === 'admin' || me.workspace.role === 'support';
  // Same roles as `templates.manage`.
  const canPublishTemplates = me.workspace.role === 'admin' || me.workspace.role === 'specialist';
  const stored = useMemo(() => new Map((watermarks.data ?? []).map((w) => [w.nodeId, w.value])), [watermarks.data]);
  const prevViews = useRef<Map<string, NodeView>>(undefined);
  const views = useMemo(() => {
    const runSnapshot = starting ? null : snapshot;
    return (prevViews.current = buildNodeViews(draft.doc, registry, runSnapshot, problems, prevViews.current, stored));
  }, [draft.doc, snapshot, starting, problems, stored]);

  const connections = useAsync(() => api.connections.list.query(), 'connections', 'load the connections');
  const editorActions = useMemo<EditorActions>(
    () => ({ openFailures: (nodeId) => setBottom({ kind: 'failures', nodeId }) }),
    [],
  );

  const addAtCenter = useCallback(
    (def: AnyNodeDefinition) => {
      const el = document.querySelector('.canvas')?.getBoundingClientRect();
      const at = el
        ? flow.screenToFlowPosition({ x: el.left + el.width / 2, y: el.top + el.height / 2 })
        : { x: 0, y: 0 };
      dispatch({ kind: 'add-node', def, position: at, connections: connections.data ?? [] });
    },
    [flow, connections.data],
  );
  // A node dropped on the canvas starts with the workspace's connection of its kind.
  const canvasDispatch = useCallback<Dispatch<DraftAction>>(
    (a) => dispatch(a.kind === 'add-node' ? { ...a, connections: connections.data ?? [] } : a),
    [connections.data],
  );
  const pickNode = useCallback(
    (nodeId: string) => {
      dispatch({ kind: 'select', nodeId });
      void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
    },
    [flow],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        actions.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  // Saving the mapping editor saves the flow once the draft holds the new config.
  useEffect(() => {
    if (!saveSoon) return;
    setSaveSoon(false);
    actions.save();
  }, [saveSoon, actions]);

  const selected = selectedNodeId(draft);
  const failureNode = bottom.kind === 'failures' ? views.get(bottom.nodeId) : undefined;
  return (
    <NodeViewsContext.Provider value={views}>
      <ThroughputContext.Provider value={rates}>
        <EditorActionsContext.Provider value={editorActions}>
          <div className="editor">
            <Toolbar
              name={draft.doc.name}
              onRename={(name) => dispatch({ kind: 'set-name', name })}
              dirty={dirty}
              detail={detail}
              schedule={draft.doc.settings.schedule}
              snapshot={snapshot}
              starting={starting}
              busy={actions.busy}
              onSave={actions.save}
              onRun={actions.run}
              onDryRun={actions.dryRun}
              onPublish={() => setDialog('publish')}
              onPublishTemplate={canPublishTemplates ? () => setDialog('publish-template') : undefined}
              onSetState={actions.setState}
              onSettings={() => setDialog('settings')}
              onVersions={versions.open}
            />
            <UpdateBanner flowId={flowId} update={detail.templateUpdate} dirty={dirty} />
            <div className="editor-body">
              <Palette onAdd={addAtCenter} />
              <main className="canvas-column" aria-label="Flow canvas">
                <FlowCanvas draft={draft} dispatch={canvasDispatch} dryRun={!starting && snapshot?.dryRun === true} />
                {bottom.kind === 'failures' ? (
                  <FailuresDrawer
                    flowId={flowId}
                    nodeId={bottom.nodeId}
                    nodeTitle={failureNode?.title ?? bottom.nodeId}
                    runKey={`${snapshot?.runId}:${snapshot?.status}`}
                    canFix={canFix}
                    onClose={() => setBottom({ kind: 'problems' })}
                  />
                ) : (
                  <ProblemsPanel problems={problems} onPick={pickNode} />
                )}
              </main>
              <Inspector
                doc={draft.doc}
                nodeId={selected}
                problems={problems}
                connections={connections.data ?? []}
                dispatch={dispatch}
                queryStarts={{ flowId, values: stored, canEdit: canOperate, onSaved: watermarks.reload }}
                onOpenTool={(nodeId, t) => setTool({ nodeId, tool: t })}
              />
            </div>
            {dialog === 'settings' && (
              <SettingsDialog
                settings={draft.doc.settings}
                onClose={() => setDialog(null)}
                onSave={(settings) => {
                  dispatch({ kind: 'set-settings', settings });
                  setDialog(null);
                }}
              />
            )}
            {versions.elements}
            {dialog === 'publish-template' && (
              <PublishTemplateDialog
                detail={detail}
                busy={actions.busy === 'publish'}
                onClose={() => setDialog(null)}
                onPublish={(input) => actions.publishTemplate(input, () => setDialog(null))}
              />
            )}
            {dialog === 'publish' && (
              <PublishDialog
                // Versions come newest first.
                nextVersion={(detail.versions[0]?.version ?? 0) + 1}
                busy={actions.busy === 'publish'}
                onClose={() => setDialog(null)}
                onPublish={(notes) => actions.publish(notes, () => setDialog(null))}
              />
            )}
            {tool?.tool === 'mapping' && (
              <Suspense fallback={<div className="mapping-overlay" aria-busy="true" />}>
                <MappingEditor
                  flowId={flowId}
                  doc={draft.doc}
                  nodeId={tool.nodeId}
                  onCancel={() => setTool(null)}
                  onSave={(config, version) => {
                    dispatch({ kind: 'set-config', nodeId: tool.nodeId, config, version });
                    setTool(null);
                    setSaveSoon(true);
                  }}
                />
              </Suspense>
            )}
            {tool && tool.tool !== 'mapping' && (
              <NodePreview
                flowId={flowId}
                doc={draft.doc}
                nodeId={tool.nodeId}
                mode={tool.tool}
                onClose={() => setTool(null)}
              />
            )}
          </div>
        </EditorActionsContext.Provider>
      </ThroughputContext.Provider>
    </NodeViewsContext.Provider>
  );
}
