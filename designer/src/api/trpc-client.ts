// The one tRPC client: subscriptions (live run snapshots) over SSE, everything
// else batched over HTTP. Only the router's *type* comes from server/.
// Issue 7: every call carries the CSRF token header (the session itself is an
// httpOnly cookie the browser sends); an "unauthorized" answer means the session
// ended, and the app shows the sign-in page.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from './app-router';
import { csrfToken, sessionEnded } from '../account/session-events';

const url = '/trpc';

const watchSession: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (v) => observer.next(v),
        error: (err) => {
          if (err.data?.code === 'UNAUTHORIZED' && op.path !== 'auth.login') sessionEnded();
          observer.error(err);
        },
        complete: () => observer.complete(),
      }),
    );

export const api = createTRPCClient<AppRouter>({
  links: [
    watchSession,
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url }),
      // The server takes at most 10 calls per request (server/http/request-limits.ts).
      false: httpBatchLink({ url, maxItems: 10, headers: () => ({ 'x-weft-csrf': csrfToken() }) }),
    }),
  ],
});
