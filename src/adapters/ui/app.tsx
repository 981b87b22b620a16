/**
 * @module adapters/ui/app
 * The shell: header, and the page for the current route.
 */
import { HomePage } from './home-page.tsx';
import { ReportPage } from './report-page.tsx';
import { Link, useRoute } from './router.tsx';
import { SitePage, SitesPage } from './sites-page.tsx';

export function App() {
  const route = useRoute();
  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          unspun
        </Link>
        <span className="tagline">what did the rewrite change?</span>
        <nav>
          <Link to="/">New trace</Link> <Link to="/sites">Sites</Link>
        </nav>
      </header>
      <main>
        {route.page === 'home' && <HomePage />}
        {route.page === 'report' && <ReportPage key={route.id} id={route.id} />}
        {route.page === 'sites' && <SitesPage />}
        {route.page === 'site' && <SitePage key={route.site} site={route.site} />}
        {route.page === 'missing' && (
          <section className="panel">
            <h1>Page not found</h1>
            <p>
              There is nothing at this address. <Link to="/">Start a new trace</Link>.
            </p>
          </section>
        )}
      </main>
      <footer className="site-footer">
        unspun shows its evidence: check every finding against the two texts before you publish.
      </footer>
    </>
  );
}
