// QuickBooks Online entities the nodes offer, and which of them are name lists
// (have `Active`, hidden from queries when inactive — reference B4).
export const QBO_ENTITIES = ['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'Invoice', 'Payment'] as const;
export type QboEntityName = (typeof QBO_ENTITIES)[number];

const NAME_LISTS = new Set<string>(['Customer', 'Vendor', 'Employee', 'Item', 'Account']);
export const isNameList = (entity: string) => NAME_LISTS.has(entity);

/** Also find inactive rows: a plain `select *` skips them, and binding must not create a twin of one. */
export const includeInactive = (entity: string) => (isNameList(entity) ? ' AND Active IN (true, false)' : '');

/** The human name of a QuickBooks body, for messages. */
export function displayName(data: Record<string, unknown>): string | undefined {
  const v = data.DisplayName ?? data.Name ?? data.DocNumber ?? data.PaymentRefNum;
  return v === undefined || v === null || v === '' ? undefined : String(v);
}
