/**
 * A TCP proxy in the test process, between the server and PostgreSQL, to cut the database
 * off and bring it back on the same address without touching the shared PostgreSQL service.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (the same across `cut` and `resume`). */
  readonly port: number;
  /** Destroys every proxied connection and stops listening: connections are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /**
   * Keeps listening and accepting, but forwards nothing more in either direction, on open
   * connections and new ones (a network black hole), until `cut` or `close`.
   */
  stall(): void;
  /**
   * Cuts (as `cut`) the moment the client sends data that `matches`, before forwarding it:
   * a connection dies in the middle of whatever it was doing. Resolves when that happened.
   */
  cutWhen(matches: (data: Buffer) => boolean): Promise<void>;
  /** Connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let stalled = false;
  let accepted = 0;
  let trigger: { matches: (data: Buffer) => boolean; fired: () => void } | undefined;
  let server: Server | undefined;

  function destroyAll() {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  }

  function onConnection(client: Socket) {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        // One side gone: the other goes too, as a real broken link would have it.
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data) => {
      if (trigger?.matches(data)) {
        const { fired } = trigger;
        trigger = undefined;
        void stop().then(fired);
        return;
      }
      if (!stalled) upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (!stalled) client.write(data);
    });
  }

  function listen(port: number) {
    return new Promise<number>((resolve, reject) => {
      const next = createServer(onConnection);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        const address = next.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  async function stop() {
    const current = server;
    server = undefined;
    stalled = false;
    destroyAll();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  const port = await listen(0);
  return {
    port,
    get accepted() {
      return accepted;
    },
    cut: stop,
    async resume() {
      if (!server) await listen(port);
    },
    stall() {
      stalled = true;
    },
    cutWhen(matches) {
      return new Promise<void>((resolve) => {
        trigger = { matches, fired: resolve };
      });
    },
    close: stop,
  };
}
