import { PaknEventSchema } from '@cityioc/contracts';
import { CAN_THO_AGENCIES, createWorkCalendar, foldPakn, indexAgencies, paknFlags, paknTransitionError, toPaknFact, type PaknFact } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { demo766Catalogue, DEMO_766_PROCEDURES } from './demo-766-catalogue.ts';
import { DOSSIER_UNITS, PROCEDURES, unitAgencies, UNITS_FROM } from './dossier-data.ts';
import { createPaknStream, PAKN_PER_MONTH, ratingsFor } from './feedback-stream.ts';
import { schemaErrors, type JsonSchema } from './json-schema-check.ts';

const END = Date.parse('2026-03-31T23:00:00+07:00');
const cal = createWorkCalendar();
const agencies = indexAgencies(CAN_THO_AGENCIES);
const unitsToday = new Map(DOSSIER_UNITS.map((u) => [u.code, u]));

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

  it("comes from today's wards and communes, answered by an agency the catalogue lists on the day: the subject's department or land office, else the committee", () => {
    const received = events.filter((e) => e.step === 'received');
    expect(received.filter((e) => !unitsToday.has(e.adminUnitCode!))).toEqual([]);
    // by population: a quarter of the PAKN come from the most populous fifth of the units, and most units are heard from
    const top = [...DOSSIER_UNITS].sort((a, b) => b.population - a.population).slice(0, Math.ceil(DOSSIER_UNITS.length / 5));
    const share = received.filter((e) => top.some((u) => u.code === e.adminUnitCode)).length / received.length;
    const popShare = top.reduce((s, u) => s + u.population, 0) / DOSSIER_UNITS.reduce((s, u) => s + u.population, 0);
    expect(Math.abs(share - popShare)).toBeLessThan(0.1);
    expect(new Set(received.map((e) => e.adminUnitCode)).size).toBeGreaterThan(DOSSIER_UNITS.length * 0.75);
    const kinds = new Set<string>();
    for (const e of events.filter((x) => x.step === 'assigned')) {
      expect(agencies.lookup(e.agencyCode!, Date.parse(e.at))).toMatchObject({ ok: true });
      const first = received.find((r) => r.paknId === e.paknId)!;
      const p = PROCEDURES.find((x) => x.code === first.procedureCode);
      const own = unitAgencies(unitsToday.get(first.adminUnitCode!)!);
      const expected = p?.handler === 'department' ? p.department!.code : p?.handler === 'land' ? own.landOffice.code : own.committee.code;
      expect([e.paknId, e.agencyCode]).toEqual([e.paknId, expected]);
      kinds.add(p?.handler ?? 'none');
    }
    expect(kinds).toEqual(new Set(['none', 'commune', 'district', 'land', 'department']));
  });

  it('plans nothing before today’s units came into force: June 2025 is empty, July 2025 whole', () => {
    const june = Date.parse('2025-06-30T23:00:00+07:00');
    expect(createPaknStream({ seed: 92, startMs: june }).take(june, Infinity)).toEqual([]);
    const july = Date.parse('2025-08-01T00:00:00+07:00') - 1;
    const first = createPaknStream({ seed: 92, startMs: july }).take(july, Infinity);
    expect(new Set(first.map((e) => e.paknId)).size).toBe(PAKN_PER_MONTH);
    expect(first.every((e) => e.at >= `${UNITS_FROM}T00:00`)).toBe(true);
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
  it('rates about a third of returned dossiers, deterministically by dossier code, on the dossier’s agency and commune', () => {
    // phường Ninh Kiều (31135) and its committee since 1 July 2025
    const returned = Array.from({ length: 3000 }, (_, i) => ({
      eventId: `e${i}`,
      dossierCode: `000.135.00.H13-260301-${i}`,
      status: 10,
      statusAt: '2026-03-02T10:00:00+07:00',
      agencyCode: '000.135.00.H13',
      adminUnitCode: '31135',
      procedureCode: '1.000494',
    }));
    const r = ratingsFor(returned as never[]);
    expect(r[0]).toMatchObject({ agencyCode: '000.135.00.H13', adminUnitCode: '31135', procedureCode: '1.000494', ratedAt: '2026-03-02T10:00:00+07:00' });
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
  it('names who applies each procedure on each version’s date: the former district work at commune level and land at the land office from 1 July 2025', () => {
    const items = demo766Catalogue(END);
    const on = (code: string, date: string) =>
      items
        .filter((p) => p.code === code && p.validFrom <= date)
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
        .at(-1)!;
    // Đăng ký thành lập hộ kinh doanh: the district committees' until 30 June 2025, the ward and commune committees' since
    expect([on('2.000720', '2025-06-30').levels, on('2.000720', '2025-07-01').levels, on('2.000720', '2026-03-31').levels]).toEqual([
      ['DISTRICT'],
      ['COMMUNE'],
      ['COMMUNE'],
    ]);
    // land: the district branches of the land office, then its office under Nông nghiệp và Môi trường
    expect(on('1.004227', '2025-06-30').agencies).toHaveLength(9);
    expect(on('1.004227', '2025-07-01').agencies).toEqual(['000.00.06.H13']);
    // a merged department: Tài nguyên và Môi trường and Nông nghiệp và PTNT until 28 February 2025
    expect([on('1.010727', '2025-02-28').agencies, on('1.010727', '2025-03-01').agencies]).toEqual([['000.00.18.H13', '000.00.19.H13'], ['000.00.06.H13']]);
    // every agency a version names is in the agency catalogue on the version's first day
    for (const p of items)
      for (const a of p.agencies ?? [])
        expect([p.code, p.validFrom, agencies.lookup(a, Date.parse(`${p.validFrom}T12:00:00+07:00`)).ok]).toEqual([p.code, p.validFrom, true]);
  });
});
