/**
 * @module adapters/ui/router
 * A few pages need no router library: "/" (new trace, history), "/r/<id>" (a report),
 * "/sites" and "/sites/<site>" (who copies whom).
 * Links are real hrefs, so copying, middle-clicking and the back button all work.
 */
import { useCallback, useEffect, useState, type MouseEvent, type ReactNode } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'report'; id: string }
  | { page: 'sites' }
  | { page: 'site'; site: string }
  | { page: 'missing'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const m = /^\/r\/([a-z2-7]{16})\/?$/.exec(pathname);
  if (m) return { page: 'report', id: m[1] };
  if (/^\/sites\/?$/.test(pathname)) return { page: 'sites' };
  const site = /^\/sites\/([^/]+)\/?$/.exec(pathname);
  if (site) {
    try {
      return { page: 'site', site: decodeURIComponent(site[1]) };
    } catch {
      return { page: 'missing', path: pathname };
    }
  }
  return { page: 'missing', path: pathname };
}

export function navigate(to: string): void {
  if (to === window.location.pathname) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return parseRoute(path);
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = useCallback(
    (e: MouseEvent<HTMLAnchorElement>) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
    },
    [to],
  );
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
