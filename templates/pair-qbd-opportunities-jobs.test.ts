// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop jobs" (two flows, one each way,
// the Desktop side through the Web Connector): a job is the customer Company:Title, its description the
// opportunity's notes (test-pair-jobs.ts).
import { qbdAdd, qbdMod } from './test-apgl';
import { el } from './test-qbd-finance';
import { bootQbdGolden } from './test-qbd-golden';
import { jobsPairGolden } from './test-pair-jobs';

jobsPairGolden({
  title: 'QuickBooks Desktop',
  prefix: 'golden_pair_qbd_jobs',
  boot: bootQbdGolden,
  accountsFlow: 'creatio-accounts-to-qbd-customers',
  toQb: { template: 'creatio-opportunities-to-qbd-jobs', source: 'opportunities', sink: 'jobs' },
  toCreatio: { template: 'qbd-jobs-to-creatio-opportunities', source: 'read', sink: 'opportunities' },
  job(g, company, title) {
    const row = g.weft.sandboxes!.qbd.file.customerByName(`${company}:${title}`);
    return row && { notes: (row.fields.JobDesc as string | undefined) ?? null, parent: company };
  },
  customerCount: (g) => g.weft.sandboxes!.qbd.file.customerCount(),
  addJob(g, company, title, notes) {
    const file = g.weft.sandboxes!.qbd.file;
    const parent = `<ParentRef>${el('ListID', file.customerByName(company)!.listId)}</ParentRef>`;
    qbdAdd(file, 'Customer', el('Name', title) + parent + el('JobDesc', notes));
    return Promise.resolve();
  },
  addPerson(g, company, given, family) {
    const file = g.weft.sandboxes!.qbd.file;
    const parent = `<ParentRef>${el('ListID', file.customerByName(company)!.listId)}</ParentRef>`;
    qbdAdd(
      file,
      'Customer',
      el('Name', `${given} ${family}`) + parent + el('FirstName', given) + el('LastName', family),
    );
    return Promise.resolve();
  },
  setNotes(g, company, title, notes) {
    const file = g.weft.sandboxes!.qbd.file;
    const row = file.customerByName(`${company}:${title}`)!;
    qbdMod(file, 'Customer', el('ListID', row.listId) + el('EditSequence', row.editSequence) + el('JobDesc', notes));
    return Promise.resolve();
  },
});
