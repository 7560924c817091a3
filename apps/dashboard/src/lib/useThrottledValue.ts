import { useEffect, useMemo, useRef, useState } from 'react';
import { Throttle } from './throttle.ts';

/**
 * `value`, followed at most once per `intervalMs` (lib/throttle.ts): the first change shows at once,
 * the changes inside an interval collapse into one at its end, and the latest value always shows
 * within `intervalMs`. For views whose redraw costs more than the data arrives (the wall's map).
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const throttle = useMemo(() => new Throttle(() => setShown(() => latest.current), intervalMs), [intervalMs]);
  useEffect(() => {
    if (!Object.is(value, shown)) throttle.trigger();
  }, [value, shown, throttle]);
  useEffect(() => () => throttle.cancel(), [throttle]);
  return shown;
}
