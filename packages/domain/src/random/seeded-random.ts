/**
 * A small seeded pseudo-random generator (mulberry32): uniform in [0, 1), the same sequence for the
 * same seed on every run. The domain never calls Math.random; property tests and generators that
 * need chance take one of these so that a seed reproduces a failing case.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
