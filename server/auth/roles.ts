// Roles per workspace (issue 7) and what each may do. Every tRPC procedure
// declares one permission (server/trpc.ts); the server checks it on each call.
export const ROLES = ['admin', 'specialist', 'analyst', 'operator', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** See flows, templates, connections (names only), runs and failed records. */
  view: ['admin', 'specialist', 'analyst', 'operator', 'support'],
  /** Create and edit flow drafts (business analyst). */
  'flows.edit': ['admin', 'specialist', 'analyst'],
  /** Run a draft once to try it (writes to the connected systems). */
  'runs.start': ['admin', 'specialist', 'analyst', 'operator'],
  /** Publish versions; build and publish templates (solutions specialist). */
  'flows.publish': ['admin', 'specialist'],
  'templates.manage': ['admin', 'specialist'],
  /** Start/stop schedules, Query Starts (watermarks), catch-up (operator). */
  'flows.operate': ['admin', 'operator'],
  /** Retry and edit failed records (support). */
  'records.fix': ['admin', 'support'],
  /** Members, connections, metrics tokens, the audit log. */
  'workspace.admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** In plain words, for a refusal. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  view: 'view this workspace',
  'flows.edit': 'edit flows',
  'runs.start': 'run flows',
  'flows.publish': 'publish flows',
  'templates.manage': 'manage templates',
  'flows.operate': 'start, stop or catch up flows',
  'records.fix': 'retry or edit failed records',
  'workspace.admin': 'administer this workspace',
};
