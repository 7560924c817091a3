import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners.ts';

describe('Listeners', () => {
  it('calls every listener with the news until it unsubscribes; emit works detached, as a socket handler', () => {
    const pushes = new Listeners<[id: string, n: number]>();
    const a: string[] = [];
    const b: string[] = [];
    const offA = pushes.add((id, n) => a.push(`${id}:${n}`));
    pushes.add((id, n) => b.push(`${id}:${n}`));
    const handler = pushes.emit;
    handler('x', 1);
    offA();
    offA();
    handler('y', 2);
    expect(a).toEqual(['x:1']);
    expect(b).toEqual(['x:1', 'y:2']);
  });
});
