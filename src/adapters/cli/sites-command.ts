/**
 * @module adapters/cli/sites-command
 * `unspun sites [site]`: the record of each suspect site in the report history (what `watch`
 * traced, and any trace made with a page address): articles traced, how many have a source,
 * how much of a copy is lifted, which outlets it copies and how it alters them. With a site,
 * its traced articles. Text by default, or `--csv` / `--json`.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import { kindsText, siteArticlesCsv, sitesCsv } from '../../core/sites/csv.ts';
import { outletName, summarizeSite, summarizeSites, type SiteSummary, type TracedArticle } from '../../core/sites/sites.ts';
import { isPostgresUrl, openReportStoreBeside, openStore } from '../open-store.ts';
import { DEFAULT_DB, writeOut } from './common.ts';

interface SitesFlags {
  db: string;
  csv?: boolean;
  json?: boolean;
  permalinkBase?: string;
}

export function registerSitesCommand(program: Command): void {
  program
    .command('sites')
    .description('who copies whom: per suspect site, articles traced, copies found, outlets copied and how they were altered')
    .argument('[site]', 'one site (host, e.g. news.example.com): list its traced articles')
    .option('--db <path|url>', 'the index holding the report history: a file or a postgres:// URL', DEFAULT_DB)
    .option('--csv', 'print CSV (one row per site, or per article with a site)')
    .option('--json', 'print JSON')
    .option('--permalink-base <url>', 'base URL of `unspun serve`, for report links')
    .action(async (site: string | undefined, flags: SitesFlags) => {
      if (flags.csv && flags.json) throw new UnspunError('USAGE', '--csv', 'give --csv or --json, not both');
      if (!isPostgresUrl(flags.db) && !existsSync(flags.db)) throw new UnspunError('INPUT_NOT_FOUND', flags.db, 'no index here; `unspun watch` or `unspun serve` make one');
      const corpus = await openStore(flags.db);
      let reports: Awaited<ReturnType<typeof openReportStoreBeside>>;
      try {
        reports = await openReportStoreBeside(corpus);
      } catch (err) {
        await corpus.close();
        throw err;
      }
      try {
        const wanted = site?.trim().toLowerCase().replace(/^www\./, '');
        const articles = await reports.tracedArticles(wanted ?? null);
        if (wanted) {
          if (articles.length === 0) throw new UnspunError('NOT_FOUND', wanted, 'no traced articles from this site');
          await writeOut(renderSite(summarizeSite(wanted, articles), articles, flags));
        } else await writeOut(renderSites(summarizeSites(articles), flags));
      } finally {
        await reports.close();
        await corpus.close();
      }
    });
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function renderSites(sites: SiteSummary[], flags: SitesFlags): string {
  if (flags.csv) return sitesCsv(sites);
  if (flags.json) return JSON.stringify({ sites }, null, 2) + '\n';
  if (sites.length === 0) return 'No traced articles with a page address yet: run `unspun watch --suspect <feed>` first.\n';
  const lines = sites.map((s) => {
    const outlets = s.outlets.map((o) => `${o.outlet} ${o.copies}`).join(', ');
    return [
      `${s.site}`,
      `  ${s.articles} traced, ${s.copies} copies (${pct(s.copiedShare)}), ${pct(s.reusedShare)} of a copy reused, ${s.alteredCopies} altered`,
      outlets ? `  copies: ${outlets}` : null,
      Object.keys(s.seriousByKind).length ? `  serious changes: ${kindsText(s.seriousByKind)}` : null,
      `  seen ${s.firstSeen.slice(0, 16).replace('T', ' ')} to ${s.lastSeen.slice(0, 16).replace('T', ' ')}`,
    ]
      .filter(Boolean)
      .join('\n');
  });
  return `${lines.join('\n\n')}\n\n${sites.length} site${sites.length === 1 ? '' : 's'}\n`;
}

function renderSite(summary: SiteSummary, articles: TracedArticle[], flags: SitesFlags): string {
  if (flags.csv) return siteArticlesCsv(articles, flags.permalinkBase ?? null);
  if (flags.json) return JSON.stringify({ site: summary, articles }, null, 2) + '\n';
  const base = flags.permalinkBase?.replace(/\/+$/, '');
  const rows = [...articles].reverse().map((a) => {
    const what = a.found && a.source ? `copies ${outletName(a.source)}, ${pct(a.reusedShare)} reused, ${a.serious} serious` : 'no source found';
    return `${a.tracedAt.slice(0, 16).replace('T', ' ')}  ${a.title ?? '(untitled)'}\n  ${a.url ?? ''}\n  ${what}  report ${base ? `${base}/r/${a.reportId}` : a.reportId}`;
  });
  return `${renderSites([summary], { ...flags, csv: false, json: false }).replace(/\n\n1 site\n$/, '\n')}\n${rows.join('\n')}\n`;
}
