// Creatio columns and lookups the people and purchase-side templates read (issue 15), registered by entities.ts.
// - Opportunity "Vendor": the supplier an opportunity is bought from (seed §5.1 "Creatio Opportunity to QB Purchase
//   Order / Bill / Check"), a custom lookup column, prefix `Usr` like every column an administrator adds (A4).
// - Contact "Type" (`TypeId` → ContactType, as in a new Creatio instance: Contact person, Customer, Employee,
//   Supplier…): a private customer is a contact of type Customer with no account — Creatio's person account.
import { lookup, lookupObject } from './columns';
import type { ColumnDef, EntityDef } from './columns';

export const OPPORTUNITY_PURCHASING: ColumnDef[] = [lookup('UsrVendor', 'Account')];

// - Contact "Decision role" (`DecisionRoleId` → ContactDecisionRole: Decision maker, Influencer, Contact person…):
//   the account/contact role a primary contact can be chosen by (seed §5.2 "Primary Contact Selection").
export const CONTACT_PEOPLE: ColumnDef[] = [
  lookup('Type', 'ContactType'),
  lookup('DecisionRole', 'ContactDecisionRole'),
];

export const PEOPLE_ENTITIES: EntityDef[] = [lookupObject('ContactType'), lookupObject('ContactDecisionRole')];
