// The review queue as the API serves it (issue 14): a page of cases with the flow's
// name, and support's decision on one case (the engine's review-store does the work
// in one transaction: the choice, the cross-reference, the review run).
import {
  decideReviewCase,
  listReviewCases,
  ReviewDecisionError,
  type ReviewCase,
  type ReviewChoice,
  type RunQueue,
} from '../../engine';

export interface ReviewCaseView extends ReviewCase {
  flowName: string;
}

export interface ReviewPage {
  cases: ReviewCaseView[];
  total: number;
  /** Pass as `afterId` for the next page; null on the last one. */
  next: string | null;
}

export interface ReviewService {
  list(
    workspaceId: string,
    opts: { status: 'open' | 'decided'; flowId?: string | null; afterId?: string | null; limit: number },
  ): Promise<ReviewPage>;
  decide(
    workspaceId: string,
    id: string,
    choice: ReviewChoice,
    by: string,
  ): Promise<{ case: ReviewCaseView; replayRunId: string | null }>;
}

export { ReviewDecisionError };

export function createReviewService(deps: {
  queue: RunQueue;
  flowName(workspaceId: string, flowId: string): string | null;
}): ReviewService {
  const named = (ws: string, c: ReviewCase): ReviewCaseView => ({
    ...c,
    flowName: deps.flowName(ws, c.flowId) ?? c.flowId,
  });
  return {
    async list(ws, opts) {
      const page = await listReviewCases(deps.queue.pool, ws, opts);
      return { ...page, cases: page.cases.map((c) => named(ws, c)) };
    },
    async decide(ws, id, choice, by) {
      const r = await decideReviewCase(deps.queue, ws, id, choice, by);
      return { ...r, case: named(ws, r.case) };
    },
  };
}
