/**
 * @module adapters/ui/components/claim-review-panel
 * The fact-check JSON-LD of a report (GET /api/reports/:id/claim-review): one ClaimReview per
 * serious change, for the page where the fact-check is published. The organisation's name is
 * remembered in this browser.
 */
import { useEffect, useState } from 'react';
import { claimReviewScript, type ClaimReviewLd } from '../../../core/report/claim-review.ts';
import { ApiError, getClaimReview } from '../api.ts';

const AUTHOR_KEY = 'unspun.factCheckAuthor';

export function ClaimReviewPanel({ id }: { id: string }) {
  const [author, setAuthor] = useState(() => localStorage.getItem(AUTHOR_KEY) ?? '');
  const [url, setUrl] = useState('');
  const [reviews, setReviews] = useState<ClaimReviewLd[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    localStorage.setItem(AUTHOR_KEY, author);
    const timer = setTimeout(() => {
      getClaimReview(id, author, url).then(
        (r) => {
          setReviews(r as ClaimReviewLd[]);
          setError(null);
        },
        (e: unknown) => setError(e instanceof ApiError ? e.message : 'Could not build the JSON-LD.'),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [id, author, url]);

  const block = reviews && reviews.length > 0 ? claimReviewScript(reviews) : '';
  async function copy() {
    try {
      await navigator.clipboard.writeText(block);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="panel claim-review" aria-labelledby="ld-title">
      <h2 id="ld-title">Fact-check JSON-LD</h2>
      <p className="muted small">
        One <a href="https://schema.org/ClaimReview">ClaimReview</a> per change that alters the meaning, to paste into the page
        where you publish your fact-check.
      </p>
      <div className="ld-fields">
        <label>
          <span className="field-label">Your organisation</span>
          <input type="text" value={author} onChange={(e) => setAuthor(e.target.value)} placeholder="Newsroom fact-check desk" />
        </label>
        <label>
          <span className="field-label">Your fact-check&apos;s address (optional)</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      {reviews && reviews.length === 0 && <p className="muted">This report has no change that alters the meaning: nothing to review.</p>}
      {block && (
        <>
          <pre className="ld-block" data-reviews={reviews?.length}>
            {block}
          </pre>
          <button type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy the block'}
          </button>
        </>
      )}
    </section>
  );
}
