// Creatio columns the purchase-side templates read (issue 15, seed §5.1 "Creatio Opportunity to QB Purchase
// Order / Bill / Check"): the supplier an opportunity is bought from. A custom lookup column, prefix `Usr`
// like every column an administrator adds (A4), registered on Opportunity by entities.ts.
import type { ColumnDef } from './entities';

export const OPPORTUNITY_PURCHASING: ColumnDef[] = [
  // "Vendor": the supplier account the opportunity's products are bought from (Account of type Supplier).
  { name: 'UsrVendorId', type: 'Lookup', ref: 'Account' },
];
