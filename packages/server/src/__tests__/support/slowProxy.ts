/**
 * A TCP proxy in the test process that makes PostgreSQL slow: every chunk it sends back is
 * held for `delayMs` (in order), so each statement answers that much later, as from an
 * overloaded database. The delay can change at any time; 0 forwards at once.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SlowProxy {
  readonly port: number;
  /** Ms each answer from PostgreSQL is held back, from now on. */
  delayMs: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function createSlowProxy(target: { host: string; port: number }): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const proxy = {
    delayMs: 0,
    get accepted() {
      return accepted;
    },
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data) => upstream.write(data));
    // Each chunk leaves `delayMs` after it arrived, never before the one ahead of it.
    let previous = Promise.resolve();
    upstream.on('data', (data) => {
      const due = performance.now() + proxy.delayMs;
      previous = previous.then(async () => {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!client.destroyed) client.write(data);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return Object.assign(proxy, {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
