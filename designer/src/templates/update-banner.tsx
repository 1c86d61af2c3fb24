// The editor's line under the toolbar when the flow's template has a newer version
// (issue 15): the version and its release note, and the way to the review screen.
import type { FlowDetail } from '../api/api-types';
import { routeHref } from '../lib/hash-route';
import './templates.css';

interface Props {
  flowId: string;
  update: FlowDetail['templateUpdate'];
  dirty: boolean;
}

export function UpdateBanner({ flowId, update, dirty }: Props) {
  if (!update) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>
        Update available: version {update.version}
        {update.releaseNote ? ` — ${update.releaseNote}` : ''}
      </span>
      <a
        className="button"
        href={routeHref({ page: 'template-update', flowId })}
        data-testid="review-update"
        onClick={(e) => {
          if (dirty && !window.confirm('Save your changes first? The update merges into the saved draft.'))
            e.preventDefault();
        }}
      >
        Review the update
      </a>
      {dirty && <span className="small muted">Save first: the update merges into the saved draft.</span>}
    </div>
  );
}
