import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { bundledData } from './bundled-data.ts';

describe('bundledData', () => {
  const schema = Type.Object({ stations: Type.Array(Type.Object({ id: Type.String(), location: Type.Tuple([Type.Number(), Type.Number()]) })) });

  it('returns the file typed by its schema when it matches', () => {
    const json: unknown = { stations: [{ id: 'wl-can-tho', location: [105.7883, 10.0378] }] };
    expect(bundledData(schema, json, 'stations.json').stations[0]!.location).toEqual([105.7883, 10.0378]);
  });

  it('stops with the file and the place that is wrong', () => {
    const json: unknown = { stations: [{ id: 'wl-can-tho', location: [105.7883, '10.0378'] }] };
    expect(() => bundledData(schema, json, 'geo/stations.json')).toThrow(
      /^the bundled data file geo\/stations\.json does not match its schema: \/stations\/0\/location\/1: /,
    );
  });
});
