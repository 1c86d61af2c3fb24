// Live run events: workers NOTIFY on PostgreSQL; this process LISTENs once and
// fans the events out to every browser watching a flow. Works the same whether
// the run executes in this process or in a `weft worker` on another machine.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { RUN_EVENTS_CHANNEL } from '../engine';

const ANY_FLOW = Symbol('any flow');

export class RunEvents {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async listen(url: string, log: (m: string) => void): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (e) => log(`live events: ${e.message}`));
    client.on('notification', (n) => {
      try {
        const { flowId } = JSON.parse(n.payload ?? '{}') as { flowId?: string };
        if (flowId) {
          this.emitter.emit(flowId);
          this.emitter.emit(ANY_FLOW, flowId);
        }
      } catch {
        /* not ours */
      }
    });
    await client.connect();
    await client.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    this.client = client;
  }

  /** Calls `onChange` (coalesced) each time a run of the flow changes. */
  subscribe(flowId: string, onChange: () => void): () => void {
    this.emitter.on(flowId, onChange);
    return () => this.emitter.off(flowId, onChange);
  }

  /** Calls `onChange` each time a run of any flow changes (the monitor filters by workspace). */
  subscribeAll(onChange: (flowId: string) => void): () => void {
    this.emitter.on(ANY_FLOW, onChange);
    return () => this.emitter.off(ANY_FLOW, onChange);
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }
}
