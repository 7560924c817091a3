import { PaknEventSchema } from '@cityioc/contracts';
import { createWorkCalendar, foldPakn, paknFlags, paknTransitionError, toPaknFact, type PaknFact } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { demo766Catalogue, DEMO_766_PROCEDURES } from './demo-766-catalogue.ts';
import { createPaknStream, PAKN_PER_MONTH, ratingsFor } from './feedback-stream.ts';
import { schemaErrors, type JsonSchema } from './json-schema-check.ts';

const END = Date.parse('2026-03-31T23:00:00+07:00');
const cal = createWorkCalendar();

describe('PAKN stream', () => {
  const events = createPaknStream({ seed: 92, startMs: END }).take(END, Infinity);
  const byId = new Map<string, PaknFact[]>();
  for (const e of events) byId.set(e.paknId, [...(byId.get(e.paknId) ?? []), toPaknFact(e)]);

  it('plans the month from the seed alone: the same events, ids and times on a restart', () => {
    expect(createPaknStream({ seed: 92, startMs: END }).take(END, Infinity)).toEqual(events);
    expect(byId.size).toBe(PAKN_PER_MONTH);
    expect(events.every((e) => schemaErrors(PaknEventSchema as JsonSchema, e).length === 0)).toBe(true);
    expect(events.every((e) => Date.parse(e.at) <= END)).toBe(true);
  });

  it('sends no step the IOC would refuse as impossible, in time order', () => {
    for (const facts of byId.values()) {
      const sorted = [...facts].sort((a, b) => a.at - b.at);
      sorted.forEach((f, i) => expect(paknTransitionError(foldPakn(sorted.slice(0, i)), f)).toBeNull());
    }
  });

  it('lands on a believable 5.2 and 5.3 for the month (judged at its end)', () => {
    const flags = [...byId.values()].map((f) => paknFlags(foldPakn(f)!, END, cal)!);
    const share = (k: 'onTime' | 'satisfied') => flags.filter((x) => x[k]).length / flags.length;
    expect(share('onTime')).toBeGreaterThan(0.85);
    expect(share('onTime')).toBeLessThan(0.99);
    expect(share('satisfied')).toBeGreaterThan(0.75);
    expect(share('satisfied')).toBeLessThan(share('onTime'));
  });
});

describe('ratings and the 766 catalogue', () => {
  it('rates about a third of returned dossiers, deterministically by dossier code', () => {
    const returned = Array.from({ length: 3000 }, (_, i) => ({
      eventId: `e${i}`,
      dossierCode: `000.00.21.H13-260301-${i}`,
      status: 10,
      statusAt: '2026-03-02T10:00:00+07:00',
      agencyCode: '000.00.21.H13',
      procedureCode: '1.000494',
    }));
    const r = ratingsFor(returned as never[]);
    expect(r.length / 3000).toBeGreaterThan(0.3);
    expect(r.length / 3000).toBeLessThan(0.4);
    expect(ratingsFor(returned as never[])).toEqual(r);
    expect(r.filter((x) => x.satisfaction === 'dissatisfied').length / r.length).toBeLessThan(0.08);
  });
  it('publishes each procedure once a year and nothing dated after today', () => {
    const items = demo766Catalogue(END);
    expect(new Set(items.map((p) => p.code)).size).toBe(DEMO_766_PROCEDURES);
    const pubs = items.filter((p) => p.publication);
    expect(pubs.every((p) => p.publication!.decidedOn <= '2026-03-31' && (p.publication!.publicOn ?? '') <= '2026-03-31')).toBe(true);
    // 2025: all 30; 2026 to March: the 9 procedures whose month (index mod 12) is January–March
    expect(pubs.filter((p) => p.validFrom.startsWith('2025')).length).toBe(30);
    expect(pubs.filter((p) => p.validFrom.startsWith('2026')).length).toBe(9);
    expect(demo766Catalogue(END)).toEqual(items);
  });
});
