/**
 * @module adapters/ui/home-page
 * Start a trace (paste text, drop or pick an .html/.txt file) or open a recent report.
 */
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { ApiError, deleteReport, getExample, getHealth, listReports, traceArticle, type HealthResponse, type TraceBody } from './api.ts';
import type { ReportSummary } from '../http/report-store.ts';
import { Link, navigate } from './router.tsx';

const RECENT_PAGE = 10;
/** Matches the server's default body limit, so a big file fails here with a clear message. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function kindForFile(name: string, text: string): 'html' | 'text' {
  if (/\.x?html?$/i.test(name)) return 'html';
  if (/\.txt$/i.test(name)) return 'text';
  return /^\s*<(!doctype|html|head|body)/i.test(text) ? 'html' : 'text';
}

export function HomePage() {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<{ name: string; body: TraceBody } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function readFile(f: File) {
    setError(null);
    if (!/\.(html?|xhtml|txt)$/i.test(f.name) && !f.type.startsWith('text/')) {
      setError(`${f.name}: choose an .html or .txt file.`);
      return;
    }
    if (f.size > MAX_FILE_BYTES) {
      setError(`${f.name} is larger than 10 MB.`);
      return;
    }
    const content = await f.text();
    setFile({ name: f.name, body: { kind: kindForFile(f.name, content), content } });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: TraceBody | null = file ? { ...file.body, url } : text.trim() ? { kind: /^\s*</.test(text) ? 'html' : 'text', content: text, url } : null;
    if (!body) {
      setError('Paste an article or choose a file first.');
      return;
    }
    await run(body);
  }

  /** Fills the form with the demo's slanted rewrite and traces it, so a newcomer sees a full report. */
  async function tryExample() {
    setError(null);
    try {
      const example = await getExample();
      setText(example.text);
      setFile(null);
      setNote(example.note);
      await run({ kind: 'text', content: example.text });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load the example.');
    }
  }

  async function run(body: TraceBody) {
    setBusy(true);
    setError(null);
    try {
      const res = await traceArticle(body);
      navigate(`/r/${res.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong while tracing.');
      setBusy(false);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void readFile(f);
  }

  return (
    <div className="home">
      <section
        className="panel"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <h1>Trace an article</h1>
        <p className="lede">
          Paste a suspect article, or drop its saved page. unspun looks for its source in the corpus and shows, sentence by
          sentence, what the rewrite changed.
        </p>
        <form onSubmit={submit} aria-busy={busy}>
          <label htmlFor="article-text" className="field-label">
            Article text or HTML
          </label>
          <textarea
            id="article-text"
            name="article"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFile(null);
            }}
            placeholder={'Headline on the first line\n\nThen the article body…'}
            rows={12}
            disabled={busy}
          />
          <div className={'dropzone' + (dragging ? ' dragging' : '')}>
            {file ? (
              <span>
                Using <strong>{file.name}</strong> ({file.body.kind === 'html' ? 'web page' : 'plain text'}).{' '}
                <button type="button" className="linkish" onClick={() => setFile(null)}>
                  Remove
                </button>
              </span>
            ) : (
              <span>
                Drop an <code>.html</code> or <code>.txt</code> file here, or{' '}
                <button type="button" className="linkish" onClick={() => fileInput.current?.click()}>
                  choose a file
                </button>
                .
              </span>
            )}
            <input
              ref={fileInput}
              type="file"
              accept=".html,.htm,.xhtml,.txt,text/html,text/plain"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void readFile(f);
                e.target.value = '';
              }}
            />
          </div>
          <label htmlFor="article-url" className="field-label">
            Where you found it (optional)
          </label>
          <input id="article-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" disabled={busy} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Tracing…' : 'Trace'}
            </button>
            <button type="button" className="example" onClick={() => void tryExample()} disabled={busy}>
              Try an example
            </button>
          </div>
          {note && <p className="muted small">{note}</p>}
          {busy && (
            <p className="muted" role="status">
              Extracting the article, searching the corpus and comparing sentences: this takes a few seconds.
            </p>
          )}
        </form>
      </section>
      <RecentReports />
    </div>
  );
}

function RecentReports() {
  const [items, setItems] = useState<ReportSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);

  async function load(after: string | null, q: string) {
    try {
      const page = await listReports(RECENT_PAGE, after, q);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load recent reports.');
    } finally {
      setLoaded(true);
    }
  }

  useEffect(() => {
    getHealth().then(setHealth, () => setHealth(null));
  }, []);
  // Search as the user types, after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => void load(null, search), search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search]);

  async function remove(id: string) {
    try {
      await deleteReport(id);
      setItems((prev) => prev.filter((r) => r.id !== id));
      setConfirming(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not delete the report.');
    }
  }

  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <h2 id="recent-title">History</h2>
      {health && (
        <p className="muted">
          {health.corpus.size > 0
            ? `${health.corpus.size.toLocaleString()} reference articles indexed.`
            : 'No reference articles indexed yet: traces will run the single-article checks only.'}
        </p>
      )}
      <label htmlFor="history-search" className="field-label">
        Search reports
      </label>
      <input id="history-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Words of a title, site or source" />
      {error && <p className="error">{error}</p>}
      {loaded && items.length === 0 && !error && <p className="muted">{search ? 'No report matches.' : 'No reports yet. Trace an article to make one.'}</p>}
      <ul className="recent-list">
        {items.map((r) => (
          <li key={r.id} data-report={r.id}>
            <Link to={`/r/${r.id}`}>{r.title || '(untitled article)'}</Link>
            <span className="recent-meta">
              {r.found ? `${Math.round(r.reusedShare * 100)}% reused` : 'no source found'}
              {r.serious > 0 ? ` · ${r.serious} serious` : ''}
              {r.site ? ` · ${r.site}` : ''} · <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>{' '}
              {confirming === r.id ? (
                <>
                  <button type="button" className="linkish danger" onClick={() => void remove(r.id)}>
                    Delete for good
                  </button>{' '}
                  <button type="button" className="linkish" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </>
              ) : (
                <button type="button" className="linkish" aria-label={`Delete the report ${r.title ?? ''}`} onClick={() => setConfirming(r.id)}>
                  Delete
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void load(cursor, search)}>
          Older reports
        </button>
      )}
    </section>
  );
}
