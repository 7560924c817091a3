/**
 * The listeners of one kind of news (a pushed alert, a new playlist, a changed state): `add` returns
 * the unsubscribe; `emit` calls every listener with the news. Both are bound, so `emit` can be handed
 * to a socket as its handler.
 */
export class Listeners<Args extends unknown[]> {
  private readonly all = new Set<(...args: Args) => void>();

  readonly add = (listener: (...args: Args) => void): (() => void) => {
    this.all.add(listener);
    return () => {
      this.all.delete(listener);
    };
  };

  readonly emit = (...args: Args): void => {
    for (const l of this.all) l(...args);
  };
}
