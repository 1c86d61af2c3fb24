// Seed §5.2 "permitted sync operations", shared by every binding node: after a
// record is bound (or found unbound), may the flow create, update, or both?
// A record the setting forbids is skipped — counted, with the reason — not failed.
import { z } from 'zod';
import type { FlowRecord, RecordResult } from '../define-node';

export const PermittedOperations = z
  .enum(['create-and-update', 'create-only', 'update-only'])
  .default('create-and-update');
export type PermittedOperations = z.infer<typeof PermittedOperations>;

export function applyPermittedOperations(
  operations: PermittedOperations,
  record: FlowRecord,
  target: { system: string; entity: string; createIn?: string },
): RecordResult {
  const targetId = record.meta.binding?.targetId;
  if (operations === 'create-only' && targetId) {
    return {
      record,
      outcome: 'skipped',
      failure: {
        code: 'weft.binding.create-only',
        message: `Skipped: already in ${target.system} as ${target.entity} ${targetId}, and this flow only creates.`,
        action: 'Allow "create and update" on the binding node to keep it in step.',
      },
    };
  }
  if (operations === 'update-only' && !targetId) {
    return {
      record,
      outcome: 'skipped',
      failure: {
        code: 'weft.binding.update-only',
        message: `Skipped: no ${target.entity} for it in ${target.system} yet, and this flow only updates.`,
        action: `Create it in ${target.createIn ?? target.system} (or allow "create and update"), then reprocess.`,
      },
    };
  }
  return { record, outcome: 'passed', port: 'out' };
}

/** The designer's field for the setting, the same on every binding node. */
export const PERMITTED_OPERATIONS_FIELD = {
  label: 'Permitted operations',
  widget: 'select' as const,
  options: [
    { value: 'create-and-update', label: 'Create and update' },
    { value: 'create-only', label: 'Create only' },
    { value: 'update-only', label: 'Update only' },
  ],
};
