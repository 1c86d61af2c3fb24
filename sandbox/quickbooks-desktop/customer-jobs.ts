// Jobs and sub-customers, as QuickBooks Desktop keeps them (qbXML OSR, CustomerAdd/CustomerRet): a customer with a
// ParentRef is a job of that customer; its FullName is the parent's FullName, ":" and its own Name (at most 209
// characters), its Sublevel the number of parents above it, and only the FullName must be unique — two customers
// may each have a job named "Kitchen". A ParentRef to no customer fails with 3140. A job records its JobStatus
// (Awarded, Closed, InProgress, None, NotAwarded, Pending), JobStartDate, JobProjectedEndDate, JobEndDate,
// JobDesc and JobTypeRef. Customer rows keep the FullName as their name, so a look-up by FullName finds them.
import type { CompanyFile } from './company-file';
import type { CustomerRow } from './company-file-rows';
import { child, childText, ParseFailure, toObject, type El } from './qbxml-in';
import { tooLong, type Status } from './qbxml-out';

const JOB_STATUS = ['Awarded', 'Closed', 'InProgress', 'None', 'NotAwarded', 'Pending'];
/** The order of the job fields in CustomerRet (qbXML OSR). */
export const JOB_RET = ['JobStatus', 'JobStartDate', 'JobProjectedEndDate', 'JobEndDate', 'JobDesc', 'JobTypeRef'];

/** The customer's own Name: the last part of its FullName. */
export const ownName = (fullName: string) => fullName.slice(fullName.lastIndexOf(':') + 1);

/** The parent a CustomerAdd/Mod names, or the status QuickBooks answers; undefined = no ParentRef sent. */
export function parentOf(file: CompanyFile, body: El): { parent: CustomerRow } | { status: Status } | undefined {
  const ref = child(body, 'ParentRef');
  if (!ref) return undefined;
  const { ListID, FullName } = toObject(ref) as { ListID?: string; FullName?: string };
  const parent = ListID ? file.customer(String(ListID)) : file.customerByName(String(FullName ?? ''));
  if (parent) return { parent };
  return {
    status: {
      code: 3140,
      severity: 'Error',
      message:
        `There is an invalid reference to QuickBooks Customer "${String(ListID ?? FullName)}" in the Customer. ` +
        `QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
    },
  };
}

/** The FullName a customer gets under its parent, or 3070 when past QuickBooks' 209 characters. */
export function fullNameUnder(parent: CustomerRow | undefined, name: string): string | Status {
  const full = parent ? `${parent.name}:${name}` : name;
  return [...full].length > 209 ? tooLong('FullName', full) : full;
}

/** JobStatus must be one of QuickBooks' values: anything else fails the request's parsing. */
export function checkJobStatus(body: El): void {
  const s = childText(body, 'JobStatus');
  if (s !== undefined && !JOB_STATUS.includes(s))
    throw new ParseFailure(
      `QuickBooks found an error when parsing the provided XML text stream (JobStatus "${s}" is not one of ` +
        `${JOB_STATUS.join(', ')}).`,
    );
}

/** The hierarchy part of a CustomerRet, in its order: Name, FullName, IsActive, ParentRef, Sublevel. */
export function hierarchyRet(file: CompanyFile, c: CustomerRow, isActive: string): Record<string, unknown> {
  const level = c.name.split(':').length - 1;
  const parentName = c.name.slice(0, Math.max(0, c.name.lastIndexOf(':')));
  const parent = level ? file.customerByName(parentName) : undefined;
  return {
    Name: ownName(c.name),
    FullName: c.name,
    IsActive: isActive,
    ...(parent ? { ParentRef: { ListID: parent.listId, FullName: parent.name } } : {}),
    Sublevel: String(level),
  };
}

/** A renamed or moved customer renames its jobs too (their FullName starts with its FullName). */
export function renameJobs(file: CompanyFile, from: string, to: string): void {
  if (from === to) return;
  for (const c of file.customers({ active: 'All' }))
    if (c.name.toLowerCase().startsWith(`${from.toLowerCase()}:`))
      file.saveCustomer({ ...c, name: `${to}${c.name.slice(from.length)}` });
}
