import type { SatisfactionLevel } from '@cityioc/contracts';
import type { StoredRating } from '../store/store.ts';

interface Latest {
  ratingId: string;
  ratedAt: number;
  satisfaction: SatisfactionLevel;
}

/**
 * Citizens' ratings of dossier handling (the portal's evaluation feed): the latest rating of each
 * dossier (by ratedAt, then ratingId, so any arrival order gives one answer). A dossier rated
 * `dissatisfied` counts against its unit in 766 5.4, joined by dossier code when both have arrived.
 */
export class RatingService {
  private readonly latest = new Map<string, Latest>();
  private readonly listeners: ((dossierCodes: ReadonlySet<string>) => void)[] = [];
  ratingsSeq = 0;

  get size(): number {
    return this.latest.size;
  }

  onDossiers(fn: (dossierCodes: ReadonlySet<string>) => void): void {
    this.listeners.push(fn);
  }

  applyCommitted(batch: readonly StoredRating[]): void {
    const touched = new Set<string>();
    for (const { rating: r, seq } of batch) {
      this.ratingsSeq = Math.max(this.ratingsSeq, seq);
      const next: Latest = { ratingId: r.ratingId, ratedAt: Date.parse(r.ratedAt), satisfaction: r.satisfaction };
      const prev = this.latest.get(r.dossierCode);
      if (prev && (prev.ratedAt > next.ratedAt || (prev.ratedAt === next.ratedAt && prev.ratingId >= next.ratingId))) continue;
      this.latest.set(r.dossierCode, next);
      if ((prev?.satisfaction === 'dissatisfied') !== (next.satisfaction === 'dissatisfied')) touched.add(r.dossierCode);
    }
    if (touched.size > 0) for (const fn of this.listeners) fn(touched);
  }

  /** The dossier's latest rating is a dislike. */
  disliked(dossierCode: string): boolean {
    return this.latest.get(dossierCode)?.satisfaction === 'dissatisfied';
  }

  ratingOf(dossierCode: string): SatisfactionLevel | null {
    return this.latest.get(dossierCode)?.satisfaction ?? null;
  }
}
