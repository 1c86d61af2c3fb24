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

/** Seeded accounts the two look-alikes are copied from (near the end of the demo's 300). */
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
  // Two new accounts, copied from seeded ones (so every column has a value) under ids of their own: a seeded
  // account may be bound already by an earlier run against the same sandbox, and a bound record is never parked.
  const ids = LOOK_ALIKE_ACCOUNTS.map((n) => `10c0a11e-0000-4000-8000-${String(n).padStart(12, '0')}`);
  const modified = creatioTimestamp(now);
  const copy = (from: string, id: string, name: string, phone: string) => {
    creatio.prepare(`DELETE FROM "Account" WHERE "Id" = ?`).run(id);
    creatio.exec(`DROP TABLE IF EXISTS temp.look_alike`);
    creatio.prepare(`CREATE TEMP TABLE look_alike AS SELECT * FROM "Account" WHERE "Id" = ?`).run(from);
    creatio
      .prepare(`UPDATE temp.look_alike SET "Id" = ?, "Name" = ?, "Phone" = ?, "UsrActiveId" = ?, "ModifiedOn" = ?`)
      .run(id, name, phone, ACTIVE_YES_ID, modified);
    creatio.exec(`INSERT INTO "Account" SELECT * FROM temp.look_alike; DROP TABLE temp.look_alike`);
  };
  const seeded = LOOK_ALIKE_ACCOUNTS.map(seededAccountId);
  copy(seeded[0], ids[0], 'Quasar Optics Inc', '617 555 0100');
  copy(seeded[1], ids[1], 'NIMBUS FREIGHT, Corp.', '617 555 0999');
  return ids;
}
