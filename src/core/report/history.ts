/**
 * @module core/report/history
 * What makes two stored reports the same: the same article (title, body, address) traced by
 * the same version against a corpus of the same size. A load run that posts one article 714
 * times keeps one report; the same article traced after the corpus grew is a new report.
 */
import { createHash } from 'node:crypto';
import { contentHash } from '../index/index.ts';
import type { Report } from '../types.ts';

export function reportDedupeKey(report: Report): string {
  const parts = [
    report.suspect.title ?? '',
    contentHash(report.suspect.text),
    report.suspect.url ?? '',
    /^https?:\/\//i.test(report.suspect.name) ? report.suspect.name : '',
    String(report.corpus.size),
    String(report.corpus.searched),
    report.generator.version,
  ];
  return createHash('sha1').update(parts.join('\u0000')).digest('hex');
}
