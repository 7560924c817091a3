/** What the router gives a page: its URL parameters, typed and validated, and a way to change some of them. */
export interface PageProps<S> {
  search: S;
  /**
   * Sets some parameters and keeps the others (undefined removes one). `replace` changes the
   * URL without a history entry, for filters and sorting.
   */
  setSearch: (patch: Partial<S>, options?: { replace?: boolean }) => void;
}
