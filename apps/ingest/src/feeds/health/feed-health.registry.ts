import type { FeedHealth } from '@cityioc/contracts';
import { FeedHealthBook } from '@cityioc/domain';

/** Every feed's health book, by id; GET /api/v1/feeds/health lists them. */
export class FeedHealthRegistry {
  private readonly books = new Map<string, FeedHealthBook>();

  constructor(readonly clock: () => number) {}

  book(id: string, kind: string, source: string, cadenceSec: number): FeedHealthBook {
    let b = this.books.get(id);
    if (!b) {
      b = new FeedHealthBook(id, kind, source, cadenceSec);
      this.books.set(id, b);
    }
    return b;
  }

  get(id: string): FeedHealthBook | undefined {
    return this.books.get(id);
  }

  /** Every book, for the metrics. */
  all(): Iterable<FeedHealthBook> {
    return this.books.values();
  }

  snapshot(): FeedHealth[] {
    const now = this.clock();
    return [...this.books.values()].map((b) => b.snapshot(now)).sort((a, b) => a.id.localeCompare(b.id));
  }
}
