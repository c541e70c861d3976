import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one path. */
export type RouteBehaviour =
  | { readonly kind: 'ok'; readonly body: Uint8Array }
  /** Announces the full Content-Length, sends sendBytes of the body, then drops the connection. */
  | { readonly kind: 'truncate'; readonly body: Uint8Array; readonly sendBytes: number }
  | { readonly kind: 'status'; readonly status: number };

export interface FixtureServer {
  readonly baseUrl: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  setRoute(path: string, behaviour: RouteBehaviour): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** An HTTP server on 127.0.0.1 (random port) serving fixture bytes; unknown paths get 404. */
export async function startFixtureServer(
  routes: Record<string, RouteBehaviour>,
): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = table.get(path);
    if (route === undefined || route.kind === 'status') {
      res.writeHead(route?.status ?? 404, { 'content-type': 'text/plain' });
      res.end('not here');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/gzip',
      'content-length': String(route.body.length),
    });
    if (route.kind === 'ok') {
      res.end(route.body);
      return;
    }
    res.write(route.body.subarray(0, route.sendBytes), () => res.socket?.destroy());
  });
  const port = await listen(server);
  return {
    baseUrl: `http://127.0.0.1:${port}/data/`,
    requests,
    setRoute: (path, behaviour) => table.set(path, behaviour),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL on 127.0.0.1 whose port was just released, so connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/data/`;
}
