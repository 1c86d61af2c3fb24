// Look-alikes for the review queue (issue 14), written straight into the sandboxes'
// SQLite stores: two QuickBooks Online customers whose names are equal once normalised
// ("Quasar Optics, Inc." and "QUASAR OPTICS Inc", same phone) and a third whose phone
// differs from its Creatio account's; two Creatio accounts that look like them. Used by
// the server test and the browser spec (which opens the files of a running Weft).
import type Database from 'better-sqlite3';
import { ACTIVE_YES_ID, seededAccountId } from './creatio/seed';
import { creatioTimestamp } from './creatio/store';
import { ENTITIES } from './quickbooks-online/entities';
import type { QboStore } from './quickbooks-online/store';
import { create } from './quickbooks-online/write';

/** The Creatio source filter that reads only the two accounts below. */
export const LOOK_ALIKE_FILTER = "startswith(Name,'Quasar') or startswith(Name,'NIMBUS')";

/** Seeded account numbers taken over (near the end of the demo's 300). */
export const LOOK_ALIKE_ACCOUNTS = [296, 297];

export function seedLookAlikes(qbo: QboStore, creatio: Database.Database, now = Date.now()): string[] {
  const realm = qbo.realms()[0];
  const customer = (DisplayName: string, phone: string, i: number) =>
    create({ store: qbo, realm, now: now + i }, ENTITIES.Customer, {
      DisplayName,
      PrimaryPhone: { FreeFormNumber: phone },
      BillAddr: { Line1: '1 Harbor Way', City: 'Boston', CountrySubDivisionCode: 'MA', PostalCode: '02110' },
    });
  customer('Quasar Optics, Inc.', '(617) 555-0100', 0);
  customer('QUASAR OPTICS Inc', '617-555-0100', 1);
  customer('Nimbus Freight Corp', '617-555-0200', 2);
  const ids = LOOK_ALIKE_ACCOUNTS.map(seededAccountId);
  const modified = creatioTimestamp(now);
  const update = creatio.prepare(
    `UPDATE "Account" SET "Name" = ?, "Phone" = ?, "UsrActiveId" = ?, "ModifiedOn" = ? WHERE "Id" = ?`,
  );
  update.run('Quasar Optics Inc', '617 555 0100', ACTIVE_YES_ID, modified, ids[0]);
  update.run('NIMBUS FREIGHT, Corp.', '617 555 0999', ACTIVE_YES_ID, modified, ids[1]);
  return ids;
}
