// Golden test shared by the bi-directional pairs "Creatio opportunities ↔ QuickBooks Online jobs" and its Desktop
// twin (Customer:Job), run for several cycles of both flows after the accounts flow bound the companies. A job
// added under a customer in QuickBooks becomes an opportunity of that customer's account, which the jobs flow reads
// back as Weft's own write; a quiet cycle writes nothing; the notes changed on either side arrive once and do not
// bounce back; no opportunity or job is made twice, each job stays under its account's customer, and a person filed
// under a customer (a contact) is not taken for a job.
import { expect, it } from 'vitest';
import { creatioSession, type Golden } from './test-golden';
import {
  accountsNamed,
  companyPairSuite,
  describePair,
  expectFirstCycleEchoed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  type CompanyPairSystem,
} from './test-pair-golden';

/** A job as a person reads it in QuickBooks: its notes (Desktop: its description) and the customer it is under. */
export interface Job {
  notes: string | null;
  parent: string;
}

/** What differs between QuickBooks Online and Desktop: how jobs are named, read and written. */
export interface JobsPairSystem extends CompanyPairSystem {
  /** The job titled `title` under the customer of `company`, if any. */
  job(g: Golden, company: string, title: string): Job | undefined;
  addJob(g: Golden, company: string, title: string, notes: string): Promise<void>;
  /** A person (first and last name, no job) a bookkeeper files under `company`, as the contacts flows do. */
  addPerson(g: Golden, company: string, given: string, family: string): Promise<void>;
  setNotes(g: Golden, company: string, title: string, notes: string): Promise<void>;
}

const NEW_JOB = { title: 'Roof repair & <gutters>', notes: 'Scaffold "booked" for March' };

interface OpportunityRow {
  Id: string;
  Title: string;
  Notes: string | null;
  AccountId: string;
  Company: string;
}

export function jobsPairGolden(sys: JobsPairSystem): void {
  describePair(companyPairSuite(sys, `Creatio opportunities ↔ ${sys.title} jobs`), (g, cycle) => {
    const opportunities = () =>
      g()
        .weft.sandboxes!.creatio.db.prepare(
          'SELECT o."Id", o."Title", o."Notes", o."AccountId", a."Name" AS "Company" FROM "Opportunity" o ' +
            'JOIN "Account" a ON a."Id" = o."AccountId" ORDER BY o."Title"',
        )
        .all() as OpportunityRow[];
    const titled = (title: string) => opportunities().filter((o) => o.Title === title);
    /** Opportunities of a company no other account shares a name with, whose job QuickBooks has. */
    const syncedOpportunities = () =>
      opportunities().filter(
        (o) => accountsNamed(g().weft, o.Company).length === 1 && !!sys.job(g(), o.Company, o.Title),
      );
    let company: string;

    it('a job added under a customer in QuickBooks becomes an opportunity of its account; a quiet cycle writes nothing', async () => {
      // The demo company's opportunities go to QuickBooks, each under its customer; they come back to the reverse
      // flow as its partner's writes: left out.
      await expectFirstCycleEchoed(cycle);
      // A company the accounts flow bound (one account of that name, its customer in QuickBooks) with a job.
      company = syncedOpportunities()[0].Company;

      const customers = sys.customerCount(g());
      await sys.addJob(g(), company, NEW_JOB.title, NEW_JOB.notes);
      // A person filed under the same customer is a contact (the contacts pair's), not a job.
      await sys.addPerson(g(), company, 'Ada', 'Arrived');
      const second = await cycle();
      expect(second.toQb).toEqual({ read: 0, echoes: 0, created: 0, updated: 0 });
      expect(second.toCreatio).toMatchObject({ echoes: 0, created: 1, updated: 0 });
      expect(titled('Ada Arrived')).toEqual([]);
      expect(titled(NEW_JOB.title)).toEqual([
        expect.objectContaining({ Notes: NEW_JOB.notes, AccountId: accountsNamed(g().weft, company)[0].Id }),
      ]);
      // The opportunity made from QuickBooks comes back to the jobs flow as Weft's own write: left out.
      await expectQuietCycle(cycle, 1);
      expect(sys.customerCount(g())).toBe(customers + 2);
      expect(sys.job(g(), company, NEW_JOB.title)).toEqual({ notes: NEW_JOB.notes, parent: company });
    });

    it('notes changed on each side arrive once on the other and do not bounce back', async () => {
      // Two opportunities whose jobs Weft made: notes typed in Creatio on one, in QuickBooks on the other's job.
      const [inCreatio, inQuickBooks] = syncedOpportunities().filter((o) => o.Title !== NEW_JOB.title);
      const customers = sys.customerCount(g());
      const session = await creatioSession(g().weft);
      expect(await session.patch(`Opportunity(${inCreatio.Id})`, { Notes: 'Renewal signed & filed' })).toBe(204);
      await sys.setNotes(g(), inQuickBooks.Company, inQuickBooks.Title, 'Gutters <copper>, not zinc');

      // Each change crosses once; the job Weft just updated comes back to the reverse flow as an echo.
      await expectEachChangeCrossesOnce(cycle);
      expect(sys.job(g(), inCreatio.Company, inCreatio.Title)).toEqual({
        notes: 'Renewal signed & filed',
        parent: inCreatio.Company,
      });
      expect(titled(inQuickBooks.Title)).toEqual([{ ...inQuickBooks, Notes: 'Gutters <copper>, not zinc' }]);

      // The opportunity Weft updated from QuickBooks comes back to the jobs flow as an echo: nothing bounces.
      await expectNothingBounces(cycle);
      expect(sys.job(g(), inQuickBooks.Company, inQuickBooks.Title)).toEqual({
        notes: 'Gutters <copper>, not zinc',
        parent: inQuickBooks.Company,
      });
      expect(sys.customerCount(g())).toBe(customers);
      expect(titled(inCreatio.Title)).toHaveLength(1);
    });
  });
}
