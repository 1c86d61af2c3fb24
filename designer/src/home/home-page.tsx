// Home: the shipped templates to start from, and the workspace's flows.
import { PageHeader } from '../ui/page-header';
import { api } from '../api/trpc-client';
import { useAsync } from '../ui/use-async';
import { TemplateGallery } from './template-gallery';
import { FlowList } from './flow-list';
import { useState } from 'react';
import type { FlowSummary } from '../api/api-types';
import { DeleteFlowDialog } from '../versions/delete-flow-dialog';
import { FlowFileImport } from '../versions/flow-file-import';
import { useToast } from '../ui/toast';

export function HomePage() {
  const templates = useAsync(() => api.templates.list.query(), 'templates', 'load the templates');
  const flows = useAsync(() => api.flows.list.query(), 'flows', 'load your flows');
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const toast = useToast();
  return (
    <div className="home">
      <PageHeader tag="Creatio ↔ QuickBooks flows" />
      <main className="home-main">
        <section aria-labelledby="flows-heading" className="home-section">
          <div className="section-head">
            <h1 id="flows-heading">Your flows</h1>
            <FlowFileImport onImported={flows.reload} />
            <button type="button" className="button" onClick={flows.reload}>
              Refresh
            </button>
          </div>
          <FlowList state={flows} onDelete={setDeleting} />
          {deleting && (
            <DeleteFlowDialog
              flow={deleting}
              onClose={() => setDeleting(null)}
              onDeleted={(name) => {
                setDeleting(null);
                flows.reload();
                toast(`Deleted the flow “${name}”. Its runs stay in the audit.`, 'success');
              }}
            />
          )}
        </section>
        <section aria-labelledby="templates-heading" className="home-section">
          <div className="section-head">
            <h2 id="templates-heading">Start from a template</h2>
            <a className="button primary" href="#/solution" data-testid="home-configure-solution">
              Configure solution
            </a>
          </div>
          <p className="muted">
            Each template is a complete flow you can open, adjust and run. Your copy is yours to change. To set up the
            whole integration at once, object by object, use Configure solution.
          </p>
          <TemplateGallery state={templates} />
        </section>
      </main>
    </div>
  );
}
