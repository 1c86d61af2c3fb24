// Shapes the designer receives, inferred from the server's router type so they
// never drift. Type-only: nothing of server/ reaches the browser bundle.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './app-router';

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;

export type TemplateInfo = Out['templates']['list'][number];
export type FlowSummary = Out['flows']['list'][number];
export type FlowDetail = Out['flows']['get'];
export type ConnectionSummary = Out['connections']['list'][number];
export type RunSnapshot = Out['runs']['get'];
export type NodeSnapshot = RunSnapshot['nodes'][number];
export type RunStatus = RunSnapshot['status'];
export type NodeState = NodeSnapshot['state'];
export type FailedRecord = Out['runs']['failures'][number];
export type SaveInput = In['flows']['save'];
/** The signed-in person, their workspace and role (null when nobody is signed in). */
export type Me = NonNullable<Out['auth']['me']>;
/** A failed record in the work queue across runs (issue 16), its detail, and the filters' counts. */
export type QueuedRecord = Out['failures']['list']['rows'][number];
export type QueuedRecordDetail = Out['failures']['get'];
export type QueueFacets = Out['failures']['facets'];
/** A case of the review queue (issue 14): a record parked by a binding, with its candidates. */
export type ReviewCaseView = Out['review']['list']['cases'][number];
/** Issue 15: a flow published as a template or a new version of one. */
export type TemplatePublishInput = In['templates']['publish'];
export type TemplateUpdate = Out['templates']['update'];
/** Issue 15: what a template needs, checked against the workspace (the gallery cards), and "Configure solution". */
export type TemplateNeeds = Out['solution']['preflight'][number];
export type SolutionOptions = Out['solution']['options'];
export type SolutionPlan = Out['solution']['plan'];
export type SolutionChoicesInput = In['solution']['create'];
