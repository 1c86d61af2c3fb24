import { lazy, Suspense, useEffect, useState } from 'react';
import { parseRoute, type Route } from './lib/hash-route';
import { HomePage } from './home/home-page';
import { AuditPage } from './account/audit-page';
import { NotificationsPage } from './notifications/notifications-page';
import { MonitorPage } from './monitor/monitor-page';
import { ReviewPage } from './review/review-page';
import { MembersPage } from './account/members-page';
import { ConnectionsPage } from './connections/connections-page';
import { SessionGate } from './account/session';
import { ErrorsPage } from './errors/errors-page';
import { GuidePage } from './guide/guide-page';
import { SolutionPage } from './solution/solution-page';

// The editor (React Flow, every node definition, the validator) loads when a flow is opened.
const EditorPage = lazy(() => import('./editor/editor-page').then((m) => ({ default: m.EditorPage })));
// The past-run canvas needs React Flow as the editor does: loaded when opened.
const PastRunPage = lazy(() => import('./history/past-run-page').then((m) => ({ default: m.PastRunPage })));
import { HistoryPage } from './history/history-page';
import { ToastProvider } from './ui/toast';
import { TemplateUpdatePage } from './templates/template-update-page';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  return (
    <ToastProvider>
      <SessionGate>
        {route.page === 'audit' ? (
          <AuditPage />
        ) : route.page === 'monitor' ? (
          <MonitorPage />
        ) : route.page === 'notifications' ? (
          <NotificationsPage />
        ) : route.page === 'errors' ? (
          <ErrorsPage entryId={route.entryId} />
        ) : route.page === 'guide' ? (
          <GuidePage name={route.name} />
        ) : route.page === 'review' ? (
          <ReviewPage />
        ) : route.page === 'solution' ? (
          <SolutionPage />
        ) : route.page === 'members' ? (
          <MembersPage />
        ) : route.page === 'connections' ? (
          <ConnectionsPage />
        ) : route.page === 'template-update' ? (
          <TemplateUpdatePage key={route.flowId} flowId={route.flowId} />
        ) : route.page === 'runs' ? (
          <HistoryPage key={route.flowId} flowId={route.flowId} />
        ) : route.page === 'past-run' ? (
          <Suspense fallback={<main className="centered muted">Opening the run…</main>}>
            <PastRunPage key={route.runId} flowId={route.flowId} runId={route.runId} />
          </Suspense>
        ) : route.page === 'flow' ? (
          <Suspense fallback={<main className="centered muted">Opening the editor…</main>}>
            <EditorPage key={route.flowId} flowId={route.flowId} />
          </Suspense>
        ) : (
          <HomePage />
        )}
      </SessionGate>
    </ToastProvider>
  );
}
