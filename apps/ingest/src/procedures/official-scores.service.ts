import type { Official766Score } from '@cityioc/contracts';
import type { Store } from '../store/store.ts';

/**
 * The official Decision 766 series as the national portal publishes it: stored as its own series
 * (one per unit, period and origin, a later fetch replacing an earlier one), never merged with the
 * scores computed from dossier events.
 */
export class OfficialScoreService {
  constructor(private readonly store: Store) {}

  /** Stores checked scores in one transaction; the feed's results give no log positions (the series is replaced, not appended). */
  async put(scores: readonly Official766Score[]): Promise<'stored'[]> {
    await this.store.putOfficialScores(scores);
    return scores.map(() => 'stored' as const);
  }

  list(filter: { unitCode?: string | undefined; period?: string | undefined }): Promise<Official766Score[]> {
    return this.store.officialScores(filter);
  }
}
