/**
 * @module adapters/http/request-guard
 * Who may talk to the server. The API has no accounts, so the server protects the machine it
 * runs on from the web pages its user visits:
 *
 * - Host: a request must name this server by a host it answers to (loopback names, the
 *   address it is bound to, the machine's own addresses when bound to all of them, or a name
 *   given with --allowed-host). A page on another site that re-points its own name at
 *   127.0.0.1 (DNS rebinding) is refused, and so is any name when bound beyond loopback
 *   unless it was allowed.
 * - Origin: a state-changing request (anything but GET, HEAD, OPTIONS) that a browser sends
 *   from another origin (an Origin header naming another site, `Origin: null`, or
 *   Sec-Fetch-Site: cross-site/same-site) is refused, whatever its content type: a plain-text
 *   or form POST needs no CORS preflight, so this is the check that stops it. Clients that are
 *   not browsers send no Origin and are not affected.
 * - Form bodies (urlencoded, multipart) are never accepted: no endpoint reads them, and they
 *   are the classic cross-site form post.
 */
import type { MiddlewareHandler } from 'hono';
import { networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

export interface GuardOptions {
  /** The address the server is bound to (default loopback). */
  boundHost?: string;
  /** Extra host names (or addresses) the server answers to. */
  allowedHosts?: string[];
}

/** Lower-cased host name without port or IPv6 brackets. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** The set of host names this server answers to (see the module comment). */
export function allowedHostnames(opts: GuardOptions = {}): Set<string> {
  const out = new Set(LOOPBACK_NAMES);
  const bound = hostnameOf(opts.boundHost ?? '127.0.0.1');
  if (WILDCARD_BINDS.has(bound)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.toLowerCase());
  } else {
    out.add(bound);
  }
  for (const h of opts.allowedHosts ?? []) out.add(hostnameOf(h));
  return out;
}

function isAllowed(hostname: string, allowed: Set<string>): boolean {
  return allowed.has(hostname) || hostname.endsWith('.localhost');
}

type Refuse = (status: number, code: string, message: string) => Response;

/** Hono middleware applying the Host and Origin rules; `refuse` builds the JSON error. */
export function requestGuard(opts: GuardOptions, refuse: Refuse): MiddlewareHandler {
  const allowed = allowedHostnames(opts);
  return async (c, next) => {
    const url = new URL(c.req.url);
    const hostHeader = c.req.header('host') ?? url.host;
    const hostname = hostnameOf(hostHeader);
    if (!isAllowed(hostname, allowed)) {
      return refuse(421, 'FORBIDDEN_HOST', `this server does not answer to the host "${hostname.slice(0, 100)}" (start it with --allowed-host ${hostname.slice(0, 100)} to allow it)`);
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (origin !== undefined) {
        let sameOrigin = false;
        try {
          sameOrigin = origin !== 'null' && new URL(origin).host.toLowerCase() === hostHeader.toLowerCase();
        } catch {
          sameOrigin = false;
        }
        if (!sameOrigin) return refuse(403, 'FORBIDDEN_ORIGIN', `cross-origin requests that change data are refused (Origin: ${origin.slice(0, 100)})`);
      } else if (site && site !== 'same-origin' && site !== 'none') {
        return refuse(403, 'FORBIDDEN_ORIGIN', `cross-site requests that change data are refused (Sec-Fetch-Site: ${site.slice(0, 40)})`);
      }
      if (FORM_TYPES.test(c.req.header('content-type') ?? '')) {
        return refuse(415, 'INPUT_UNSUPPORTED', 'form posts are not accepted; send JSON, text/plain or text/html');
      }
    }
    await next();
  };
}
