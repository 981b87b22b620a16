/**
 * @module adapters/http/server
 * Starts the app on a Node HTTP server and gives back its URL and a close() that drains it.
 * Port 0 picks a free port (tests and the load bench use that).
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app.ts';

export interface ServerOptions extends AppDeps {
  port?: number;
  /** Default 127.0.0.1: exposing the server on a network is an explicit choice. */
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8390;
export const DEFAULT_HOST = '127.0.0.1';

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const app = createApp({ ...options, boundHost: options.boundHost ?? host });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        host: info.address,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
