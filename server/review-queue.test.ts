// Issue 14: a Name+Phone binding parks two look-alike QuickBooks customers in the review
// queue instead of failing or guessing; support's choice resumes each record through the
// rest of its flow — one updated (the pick), one created ("create new") — and deciding or
// replaying again never posts twice. Whole Weft: sandboxes over HTTP, real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { LOOK_ALIKE_FILTER, seedLookAlikes } from '../sandbox/look-alikes';
import { creatioTimestamp } from '../sandbox/creatio/store';
import { testDatabases } from '../scripts/test-databases';
import type { FlowDocument } from '../flow/flow-document';
import { runToEnd, testWeft } from './test-weft';

const WS = 'default';

function withNamePhoneRule(doc: FlowDocument): FlowDocument {
  const nodes = doc.nodes.map((n) => {
    if (n.id === 'accounts') return { ...n, config: { ...n.config, filter: LOOK_ALIKE_FILTER } };
    if (n.id === 'bind-customers') return { ...n, config: { ...n.config, matchRule: 'name-phone' } };
    return n;
  });
  return { ...doc, nodes };
}

for (const db of testDatabases()) {
  describe(`the review queue, on ${db.name}`, () => {
    const t = testWeft(db, 'review');
    const settle = (runId: string) => runToEnd(t.weft, WS, runId);
    const customersNamed = (like: string) =>
      t.weft
        .sandboxes!.qbo.store.all(t.weft.sandboxes!.qbo.realmId, 'Customer')
        .filter((r) => String(r.body.DisplayName).toLowerCase().includes(like));

    it('parks look-alikes, and a pick or "create new" resumes the record without posting twice', async () => {
      const [quasar, nimbus] = seedLookAlikes(t.weft.sandboxes!.qbo.store, t.weft.sandboxes!.creatio.db);
      const template = t.weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const flowId = await t.weft.services.design.createFlow(WS, withNamePhoneRule(template), null);

      const first = await settle((await t.weft.services.runs.startRun(WS, flowId, { trigger: 'manual' })).runId);
      expect(first.status).toBe('succeeded');
      const bind = first.nodes.find((n) => n.id === 'bind-customers')!;
      expect(bind).toMatchObject({ in: 2, review: 2, failed: 0, out: 0 });
      expect(first.nodes.find((n) => n.id === 'customers')).toMatchObject({ in: 0, created: 0, updated: 0 });

      const review = t.weft.services.review!;
      const open = await review.list(WS, { status: 'open', limit: 1 });
      expect(open.total).toBe(2);
      expect(open.next).not.toBeNull(); // server paging: one case a page here
      const rest = await review.list(WS, { status: 'open', afterId: open.next, limit: 1 });
      const [a, b] = [...open.cases, ...rest.cases].sort((x, y) => x.recordKey.localeCompare(y.recordKey));
      const byKey = new Map([a, b].map((c) => [c.recordKey, c]));
      const q = byKey.get(quasar)!;
      const n = byKey.get(nimbus)!;
      expect(q.request.message).toBe(
        "2 QuickBooks customers look like Creatio account 'Quasar Optics Inc' (Name + Phone); " +
          'Weft cannot tell which one is meant.',
      );
      expect(n.request.message).toBe(
        "1 QuickBooks customer has the name of Creatio account 'NIMBUS FREIGHT, Corp.', but the phone differs.",
      );
      // The one whose name the update keeps unique (QuickBooks compares names without case: 6240 otherwise).
      const picked = q.request.candidates.find((c) => c.name === 'QUASAR OPTICS Inc')!;

      const before = customersNamed('quasar').length + customersNamed('nimbus').length;
      const pick = await review.decide(WS, q.id, { kind: 'pick', candidateId: picked.id }, 'support@t.weft.local');
      const create = await review.decide(WS, n.id, { kind: 'create-new' }, 'support@t.weft.local');
      await expect(review.decide(WS, n.id, { kind: 'skip' }, 'other@t.weft.local')).rejects.toThrow(
        /decided already by support@t.weft.local/,
      );
      const replayPick = await settle(pick.replayRunId!);
      const replayNew = await settle(create.replayRunId!);
      expect(replayPick.nodes.find((x) => x.id === 'customers')).toMatchObject({ updated: 1, created: 0 });
      expect(replayNew.nodes.find((x) => x.id === 'customers')).toMatchObject({ created: 1, updated: 0 });
      expect(customersNamed('quasar').length + customersNamed('nimbus').length).toBe(before + 1);
      expect(
        customersNamed('nimbus')
          .map((r) => r.body.DisplayName)
          .sort(),
      ).toEqual(['NIMBUS FREIGHT, Corp.', 'Nimbus Freight Corp']);
      expect((await review.list(WS, { status: 'open', limit: 20 })).total).toBe(0);
      const decided = await review.list(WS, { status: 'decided', limit: 20 });
      expect(decided.cases.map((c) => c.replayStatus)).toEqual(['succeeded', 'succeeded']);

      // Sent again (as support does when a review run did not get through): found bound, updated, not created twice.
      const again1 = await settle((await review.resend(WS, n.id)).replayRunId);
      expect(again1.nodes.find((x) => x.id === 'customers')).toMatchObject({ created: 0, updated: 1 });
      expect(customersNamed('nimbus')).toHaveLength(2);

      // Both accounts change again: the flow's next run finds both bound, updates them, creates nothing.
      t.weft
        .sandboxes!.creatio.db.prepare(`UPDATE "Account" SET "ModifiedOn" = ? WHERE "Id" IN (?, ?)`)
        .run(creatioTimestamp(Date.now()), quasar, nimbus);
      const again = await settle((await t.weft.services.runs.startRun(WS, flowId, { trigger: 'manual' })).runId);
      expect(again.nodes.find((x) => x.id === 'bind-customers')).toMatchObject({ in: 2, review: 0, out: 2 });
      expect(again.nodes.find((x) => x.id === 'customers')).toMatchObject({ created: 0, updated: 2 });
      expect(customersNamed('quasar').length + customersNamed('nimbus').length).toBe(before + 1);
    }, 180_000);
  });
}
