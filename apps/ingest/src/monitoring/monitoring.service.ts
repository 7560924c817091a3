import type { Observation } from '@cityioc/contracts';
import { floodSeverity, hourOf, HourlyMeans, POLLUTANTS, type AqiResult, type CatalogueIndex, type Pollutant } from '@cityioc/domain';

const HOUR_MS = 3_600_000;
const isPollutant = (id: string): id is Pollutant => (POLLUTANTS as readonly string[]).includes(id);

export interface StationAir {
  station: string;
  area: string;
  nowcast: AqiResult | null;
  daily: AqiResult | null;
  /** The hour the NowCast describes: the start of the hour after the last complete one (epoch ms). */
  at: number | null;
}

/** The serialisable state of a MonitoringService (see exportState); plain JSON. */
export interface MonitoringData {
  means: [string, [number, number, number][]][];
  air: StationAir[];
  computedHour: [string, number][];
  revisions: [string, number][];
}

/**
 * Values the IOC derives from monitoring readings, as observations of derived indicators:
 * per water-level station its band rank and margin to BĐ I (so areas compare bands, not raw cm),
 * per air station the hourly VN_AQI (NowCast) and the daily VN_AQI from raw pollutant readings.
 * Derived values are dated by the readings, never by the wall clock, so a replay of the log
 * gives the same values.
 */
export class MonitoringService {
  private readonly means = new HourlyMeans();
  private readonly air = new Map<string, StationAir>();
  /** Per station, the hour the NowCast was last computed for: readings within that hour cannot change it. */
  private readonly computedHour = new Map<string, number>();
  private readonly revisions = new Map<string, number>();

  constructor(private readonly index: CatalogueIndex) {}

  /**
   * Everything `derive` depends on, for checkpoints: restoring it and deriving from the tail of
   * the log gives the same values (and ids, via the revision counters) as deriving from the whole
   * log. Bounded: hourly means are kept for the last ~56 h per station and pollutant (the daily
   * VN_AQI of yesterday and its O₃ windows from the evening before reach 55 h back), one entry
   * per station otherwise.
   */
  exportState(): MonitoringData {
    return {
      means: this.means.exportState(),
      air: [...this.air.values()].map((a) => structuredClone(a)),
      computedHour: [...this.computedHour],
      revisions: [...this.revisions],
    };
  }

  /** Loads a state exported by `exportState` into this fresh service. */
  importState(data: MonitoringData): void {
    if (this.air.size > 0 || this.computedHour.size > 0) throw new Error('importState needs a fresh monitoring service');
    this.means.importState(data.means);
    for (const a of data.air) this.air.set(a.station, structuredClone(a));
    for (const [k, v] of data.computedHour) this.computedHour.set(k, v);
    for (const [k, v] of data.revisions) this.revisions.set(k, v);
  }

  derive(events: readonly Observation[]): Observation[] {
    const out: Observation[] = [];
    for (const e of events) {
      if (e.station === null || e.value === null) continue;
      if (e.indicator === 'water_level') {
        const bands = this.index.bandsFor('water_level', e.station);
        if (!bands) continue;
        const sev = floodSeverity(e.value, bands);
        out.push(this.derived(e, 'flood_band', sev.rank, e.observedAt, `flood_band:${e.id}`));
        if (sev.aboveBd1 !== null) out.push(this.derived(e, 'water_above_bd1', sev.aboveBd1, e.observedAt, `water_above_bd1:${e.id}`));
      } else if (isPollutant(e.indicator)) {
        this.means.add(e.station, e.indicator, e.observedAt, e.value);
        // The NowCast and the daily value use complete hours only: a reading of the hour already
        // computed changes neither; a late reading of an earlier hour recomputes the current one.
        const hour = hourOf(e.observedAt);
        const current = this.computedHour.get(e.station);
        if (current === hour) continue;
        const asOf = current !== undefined && hour < current ? current : hour;
        this.computedHour.set(e.station, asOf);
        const hourStart = asOf * HOUR_MS;
        const nowcast = this.means.hourly(e.station, hourStart);
        const daily = this.means.daily(e.station, hourStart);
        this.air.set(e.station, { station: e.station, area: e.area, nowcast, daily, at: nowcast ? hourStart : null });
        // a recomputation of the same hour must win over the earlier value: ids carry a counter
        const rev = (this.revisions.get(e.station) ?? 0) + 1;
        this.revisions.set(e.station, rev);
        const tag = `${e.station}:${hourStart}:${String(rev).padStart(10, '0')}`;
        if (nowcast) out.push(this.derived(e, 'aqi_nowcast', nowcast.aqi, hourStart, `aqi_nowcast:${tag}`));
        if (daily) out.push(this.derived(e, 'aqi_daily', daily.aqi, hourStart, `aqi_daily:${tag}`));
      }
    }
    return out;
  }

  /** The latest VN_AQI of each air station inside a scope, with the dominant pollutant. */
  airQuality(scope: string): StationAir[] {
    return [...this.air.values()].filter((a) => this.index.ancestorsAndSelf(a.area).includes(scope));
  }

  private derived(e: Observation, indicator: string, value: number, observedAt: number, id: string): Observation {
    return {
      seq: e.seq,
      id,
      indicator,
      area: e.area,
      agency: null,
      station: e.station,
      observedAt,
      receivedAt: e.receivedAt,
      value,
      numerator: null,
      denominator: null,
      source: 'ioc',
    };
  }
}
