// Every procedure's declared access, written out for the authorization matrix
// (authorization-matrix.test.ts), which proves the server enforces it.
import type { ProcedureMeta } from '../trpc';

/**
 * Issue 7's roles, written out: analysts edit, specialists publish, operators
 * start/stop and catch up, support reads runs and failed records, admins all.
 * The matrix below then proves the server enforces what each procedure declares.
 */
export const POLICY: Record<string, ProcedureMeta['access']> = {
  'templates.list': 'view',
  'templates.get': 'view',
  // Issue 15: specialists publish templates; analysts take a template's update into their flow's draft.
  'templates.publish': 'templates.manage',
  'templates.update': 'flows.edit',
  'templates.applyUpdate': 'flows.edit',
  'connections.list': 'view',
  'flows.list': 'view',
  'flows.get': 'view',
  'flows.validate': 'view',
  'flows.watermarks': 'view',
  'flows.createFromTemplate': 'flows.edit',
  'flows.importDocument': 'flows.edit',
  'flows.save': 'flows.edit',
  'flows.publish': 'flows.publish',
  'flows.setState': 'flows.operate',
  'flows.setWatermark': 'flows.operate',
  'runs.start': 'runs.start',
  'runs.get': 'view',
  'runs.list': 'view',
  'runs.failures': 'view',
  'runs.watchFlow': 'view',
  'auth.me': 'anyone',
  'auth.login': 'anyone',
  'auth.logout': 'signed-in',
  'auth.logoutEverywhere': 'signed-in',
  'auth.changePassword': 'signed-in',
  'auth.switchWorkspace': 'signed-in',
  'audit.list': 'workspace.admin',
  'audit.export': 'workspace.admin',
  'workspace.members': 'workspace.admin',
  'workspace.addMember': 'workspace.admin',
  'workspace.setRole': 'workspace.admin',
  'workspace.removeMember': 'workspace.admin',
  'workspace.create': 'workspace.admin',
  'workspace.createMetricsToken': 'workspace.admin',
  // Added by other issues: the operator's stop and utility runs (catch-up), the .qwc file, the preflight check.
  'operations.flowStates': 'view',
  'operations.stopFlow': 'flows.operate',
  'operations.stopRun': 'flows.operate',
  'operations.startUtility': 'flows.operate',
  'connections.qwc': 'workspace.admin',
  'flows.preflight': 'view',
  // Issue 4 + 7: the QuickBooks Online OAuth connect stores a client secret and adds a connection: admins only.
  'connections.startQboConnect': 'workspace.admin',
  // Issue 5: the Web Connector password of a QuickBooks Desktop company file: admins only.
  'connections.setDesktopPassword': 'workspace.admin',
  // Issue 4: deleting a connection (a QuickBooks Online one is revoked at Intuit): admins only.
  'connections.delete': 'workspace.admin',
  // Issue 16: who gets a workspace's notification mail, the test mail, a report sent now: admins only.
  'notifications.get': 'workspace.admin',
  'notifications.save': 'workspace.admin',
  'notifications.sendTest': 'workspace.admin',
  'notifications.reportNow': 'workspace.admin',
  // Issue 16: the operators' monitor; stopping and starting a company file's flows is an operator's act.
  'monitor.view': 'view',
  'monitor.watch': 'view',
  'monitor.stopCompanyFile': 'flows.operate',
  'monitor.startCompanyFile': 'flows.operate',
  // Issue 16: run history, run logs, Query Starts checks and catch-up progress are for everyone who sees runs.
  'history.runs': 'view',
  'history.chart': 'view',
  'history.log': 'view',
  'history.pastRun': 'view',
  'history.checkQueryStart': 'view',
  'history.catchUpAdvice': 'view',
  'history.catchUpProgress': 'view',
  // Issue 14: the mapping editor's field lists, preview and checks only read: everyone who sees flows.
  'mapping.fields': 'view',
  'mapping.preview': 'view',
  'mapping.check': 'view',
  // Issue 14: the review queue; deciding a case (and sending the record on) is support's act.
  'review.list': 'view',
  'review.decide': 'records.fix',
  'review.resend': 'records.fix',
  // Issue 18: invitations (one's own: any signed-in person; a workspace's: its admins), unlock and password reset.
  'auth.invitations': 'signed-in',
  'auth.acceptInvitation': 'signed-in',
  'auth.declineInvitation': 'signed-in',
  'workspace.invitations': 'workspace.admin',
  'workspace.cancelInvitation': 'workspace.admin',
  'workspace.unlockMember': 'workspace.admin',
  'workspace.resetMemberPassword': 'workspace.admin',
  // Issue 14: versions and flow files are read by anyone who views; rolling back, deleting, importing is editing.
  'flows.versions.list': 'view',
  'flows.versions.get': 'view',
  'flows.versions.exportFile': 'view',
  'flows.versions.rollback': 'flows.edit',
  'flows.versions.remove': 'flows.edit',
  'flows.versions.importFile': 'flows.edit',
  // Issue 15: "Configure solution" and the cards' needs are read by anyone who views; creating its flows is editing.
  'solution.options': 'view',
  'solution.plan': 'view',
  'solution.preflight': 'view',
  'solution.create': 'flows.edit',
};
