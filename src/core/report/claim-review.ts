/**
 * @module core/report/claim-review
 * A ClaimReview-style JSON-LD block (https://schema.org/ClaimReview) for each serious change of
 * a report, to paste into a published fact-check. Built from the report alone; no I/O.
 */
import { SEVERITY_RANK } from './view-model.ts';
import type { Change, ChangeScope, Report, Severity } from '../types.ts';

type ReportChange = Change & { scope: ChangeScope };

/** Where a change is in the side-by-side page: `#change-<n>`, n its index in report.changes. */
export function changeAnchor(index: number): string {
  return `change-${index}`;
}

/** Textual ratings, worst first, as a fact-check would word them. */
const RATING: Record<Severity, { value: number; name: string }> = {
  high: { value: 1, name: 'Altered: changes what the source says' },
  medium: { value: 2, name: 'Misleading: changes the meaning of the source' },
  low: { value: 4, name: 'Reworded: minor difference from the source' },
  none: { value: 5, name: 'Faithful to the source' },
};

export interface ClaimReviewOptions {
  /** The page where the fact-check is published (the report's permalink when not given). */
  reviewUrl: string | null;
  /** The fact-checking organisation. */
  author: string;
  /** ISO date of the review. */
  datePublished: string;
  /** Least severity reviewed (default medium). */
  minSeverity?: Severity;
}

export interface ClaimReviewLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  [field: string]: unknown;
}

function reviewedClaim(c: ReportChange): string {
  if (c.kind === 'omitted') return `Omits: ${c.sourceText ?? c.evidence.source.join(' ')}`;
  return c.suspectText ?? c.evidence.suspect.join(' ');
}

/**
 * One ClaimReview per serious change (severity at least `minSeverity`), most severe first.
 * The claim is the article's sentence; the rating says how it departs from the source, and
 * the review body quotes both sides with the reason.
 */
export function claimReviews(report: Report, options: ClaimReviewOptions): ClaimReviewLd[] {
  const min = options.minSeverity ?? 'medium';
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const appearance = {
    '@type': 'NewsArticle',
    headline: report.suspect.title ?? undefined,
    url: report.suspect.url ?? undefined,
    datePublished: report.suspect.published ?? undefined,
    author: report.suspect.byline ? { '@type': 'Person', name: report.suspect.byline } : undefined,
  };
  return report.changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => SEVERITY_RANK[c.severity] >= SEVERITY_RANK[min])
    .sort((a, b) => SEVERITY_RANK[b.c.severity] - SEVERITY_RANK[a.c.severity] || a.i - b.i)
    .map(({ c, i }) => {
      const src = c.sourceId ? sources.get(c.sourceId) : undefined;
      const rating = RATING[c.severity];
      const body = [
        c.evidence.reason,
        c.sourceText ? `Source${src?.outlet ? ` (${src.outlet})` : ''}: "${c.sourceText}"` : null,
        c.suspectText ? `Article: "${c.suspectText}"` : null,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: options.reviewUrl ? `${options.reviewUrl}#${changeAnchor(i)}` : undefined,
        datePublished: options.datePublished,
        author: { '@type': 'Organization', name: options.author },
        claimReviewed: reviewedClaim(c),
        reviewBody: body,
        itemReviewed: {
          '@type': 'Claim',
          appearance: [appearance],
          ...(src
            ? {
                isBasedOn: {
                  '@type': 'NewsArticle',
                  headline: src.title ?? undefined,
                  url: src.url ?? undefined,
                  datePublished: src.published ?? undefined,
                  publisher: src.outlet ? { '@type': 'Organization', name: src.outlet } : undefined,
                },
              }
            : {}),
        },
        reviewRating: {
          '@type': 'Rating',
          ratingValue: rating.value,
          bestRating: 5,
          worstRating: 1,
          alternateName: rating.name,
          ratingExplanation: c.evidence.reason,
        },
      } satisfies ClaimReviewLd;
    })
    .map((r) => JSON.parse(JSON.stringify(r)) as ClaimReviewLd); // drops undefined fields
}

/** The block to paste into a page: a script element of type application/ld+json. */
export function claimReviewScript(reviews: ClaimReviewLd[]): string {
  // "</" would end the script element early if a quote contained "</script>".
  const json = JSON.stringify(reviews.length === 1 ? reviews[0] : reviews, null, 2).replace(/<\//g, '<\\/');
  return `<script type="application/ld+json">\n${json}\n</script>`;
}
