// A port free now on 127.0.0.1, for a test's child `weft` to give its embedded PostgreSQL
// (WEFT_PG_PORT). The port Weft derives from the data folder's path lies in Linux's range of
// ephemeral ports: another test's connection or server can hold it, and the child then says
// "The embedded PostgreSQL … did not start" (CI runs failed so, in cli-connections and cli-dry-run).
import { createServer, type AddressInfo } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => ok(port));
      });
  });
}
