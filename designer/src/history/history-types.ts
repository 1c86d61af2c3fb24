// Types of the run history API as the designer sees them (inferred from the router).
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';

type Out = inferRouterOutputs<AppRouter>['history'];
export type HistoryPage = Out['runs'];
export type HistoryRun = HistoryPage['runs'][number];
export type ChartPoint = Out['chart'][number];
export type LogLine = Out['log']['lines'][number];
export type CatchUpAdvice = Out['catchUpAdvice'];
export type CatchUpProgress = Out['catchUpProgress'];
export type PastRun = Out['pastRun'];
