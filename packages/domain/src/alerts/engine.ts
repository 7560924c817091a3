import type { Band, Label } from '@cityioc/contracts';
import type { CatalogueIndex } from '../catalogue/catalogue-index.ts';
import { IDLE, stepHysteresis, type Hysteresis } from './hysteresis.ts';
import { RateWindow } from './rate-window.ts';
import type { AlertRule, BandRule, RateRule, SilenceRule, ThresholdRule } from './rules.ts';
import type { AlertEngineData, AlertSignal, BandState, RaiseSignal, Reading } from './signals.ts';

export type { AlertEngineData, AlertSignal, BandState, ChangeSignal, ClearSignal, RaiseSignal, Reading } from './signals.ts';

const alertIdOf = (ruleId: string, station: string, startedAt: number) => `${ruleId}:${station}:${startedAt}`;

interface Subject {
  lastAt: number;
  h: Hysteresis;
  band: BandState;
  /** rate rules: readings within the window, oldest first */
  window: RateWindow | null;
  /** silence rules: the open silence episode (the time of the last reading before it) */
  silentSince: number | null;
  /** silence rules: when the reading at `lastAt` was received */
  lastReceivedAt: number;
}

const fmt = (v: number, unit: string) => `${Math.round(v * 10) / 10} ${unit}`;

/**
 * Evaluates alert rules on station readings. Pure and deterministic: the same readings in the
 * same order give the same signals with the same alert ids (rule, station, start of the episode),
 * so a restart that replays the log re-derives the state without raising anything new.
 * Readings not newer than the newest one of their series are ignored, as in the live state. (A
 * second value for the newest instant — a NowCast recomputed after a late reading — is seen at the
 * next instant: judging it now would date two signals of one alert alike, and the lifecycle orders
 * signals by that date to stay idempotent under replay.)
 */
/** How a raise's title names its station, indicator (vi/en) and unit. */
interface Names {
  st: string;
  area: string;
  vi: string;
  en: string;
  unit: string;
}

export class AlertEngine {
  private readonly subjects = new Map<string, Subject>();
  private readonly byIndicator = new Map<string, AlertRule[]>();

  constructor(
    private readonly index: CatalogueIndex,
    readonly rules: readonly AlertRule[],
  ) {
    for (const r of rules) {
      const list = this.byIndicator.get(r.indicator) ?? [];
      list.push(r);
      this.byIndicator.set(r.indicator, list);
    }
  }

  /**
   * The hysteresis, hold and window state of every rule × station, for checkpoints: restoring it
   * with `importState` and observing the same later readings gives the same signals as observing
   * every reading from the start. Bounded: one entry per rule × station, rate windows trimmed.
   */
  exportState(): AlertEngineData {
    const subjects: AlertEngineData['subjects'] = [];
    for (const [key, s] of this.subjects)
      subjects.push([
        key,
        Number.isFinite(s.lastAt) ? s.lastAt : null,
        { ...s.h },
        { b: s.band.b, pending: s.band.pending ? { ...s.band.pending } : null, startedAt: s.band.startedAt },
        s.window ? s.window.toJSON() : [],
        s.silentSince,
        Number.isFinite(s.lastReceivedAt) ? s.lastReceivedAt : null,
      ]);
    return { subjects };
  }

  /** Loads a state exported by `exportState` into this fresh engine (same rules). */
  importState(data: AlertEngineData): void {
    if (this.subjects.size > 0) throw new Error('importState needs a fresh alert engine');
    for (const [key, lastAt, h, band, window, silentSince, lastReceivedAt] of data.subjects)
      this.subjects.set(key, {
        lastAt: lastAt ?? -Infinity,
        h: { ...h },
        band: { b: band.b, pending: band.pending ? { ...band.pending } : null, startedAt: band.startedAt },
        window: this.ruleOf(key)?.kind === 'rate' ? RateWindow.from(window) : null,
        silentSince,
        lastReceivedAt: lastReceivedAt ?? -Infinity,
      });
  }

  observe(r: Reading): AlertSignal[] {
    const rules = this.byIndicator.get(r.indicator);
    if (!rules || r.station === null || r.value === null) return [];
    const out: AlertSignal[] = [];
    for (const rule of rules) {
      if (rule.stations && !rule.stations.includes(r.station)) continue;
      const s = this.subject(rule, r.station);
      if (r.observedAt <= s.lastAt) continue;
      const previous = s.lastAt;
      s.lastAt = r.observedAt;
      switch (rule.kind) {
        case 'threshold':
          this.threshold(rule, s, r, out);
          break;
        case 'band':
          this.band(rule, s, r, out);
          break;
        case 'rate':
          this.rate(rule, s, r, out);
          break;
        case 'silence':
          this.silence(rule, s, r, previous, out);
          break;
      }
    }
    return out;
  }

  /**
   * A silence episode lasts until a *fresh* reading arrives: one received within the silence limit
   * of its own observation time. Back-filled readings (received later than that) move the
   * station's last reading on but neither clear the episode nor open another one, so a station
   * has at most one open silence alert, cleared by its first fresh reading. The clear is dated by
   * its receipt, which comes after the raise (the raise is dated last reading + limit).
   *
   * Raises normally come from `checkSilence` on the wall clock, which a replay of the log does not
   * run. So that a replay re-derives the same open episode, a stale reading that finds the station
   * already silent (its previous reading, received earlier, older than the limit at this one's
   * receipt) raises the episode here, under the same id the clock check gave it. A fresh reading
   * in that situation raises nothing: the episode it would end is either open already or was never
   * seen (the IOC was down), and the state afterwards is the same.
   */
  private silence(rule: SilenceRule, s: Subject, r: Reading, previous: number, out: AlertSignal[]): void {
    const limit = this.silenceLimitMs(rule);
    if (limit === null) return;
    const station = r.station!;
    const received = r.receivedAt ?? r.observedAt;
    const fresh = received - r.observedAt <= limit;
    if (!fresh && s.silentSince === null && Number.isFinite(previous) && received > s.lastReceivedAt && received - previous > limit) {
      s.silentSince = previous;
      out.push(this.silenceRaise(rule, station, previous, previous + limit));
    }
    s.lastReceivedAt = received;
    if (fresh && s.silentSince !== null) {
      out.push({ type: 'cleared', alertId: alertIdOf(rule.id, station, s.silentSince), value: r.value, at: Math.max(received, s.silentSince + limit + 1) });
      s.silentSince = null;
    }
  }

  private silenceLimitMs(rule: SilenceRule): number | null {
    const ind = this.index.indicator(rule.indicator);
    return ind ? rule.factor * ind.cadenceSec * 1000 : null;
  }

  /** The rule of a subject key 'rule id|station' (rule ids hold no '|'). */
  private ruleOf(key: string): AlertRule | undefined {
    const id = key.slice(0, key.indexOf('|'));
    return this.rules.find((r) => r.id === id);
  }

  /**
   * Stations silent past factor × cadence at `now` (wall clock, passed in): their newest reading is
   * older than the limit, and nothing of theirs was received within the limit either. Only stations
   * heard from at least once. A station received from within the limit is judged once the limit has
   * passed since: its readings may be the first part of a request still being committed in several
   * transactions (one receipt time for the whole request), whose later part holds newer ones. A feed
   * that keeps delivering late readings is still found silent by `silence` as they arrive.
   */
  checkSilence(now: number): AlertSignal[] {
    const out: AlertSignal[] = [];
    for (const rule of this.rules) {
      if (rule.kind !== 'silence') continue;
      const limit = this.silenceLimitMs(rule);
      if (limit === null) continue;
      for (const [key, s] of this.subjects) {
        if (!key.startsWith(`${rule.id}|`) || s.silentSince !== null || s.lastAt === -Infinity) continue;
        if (now - s.lastAt <= limit || now - s.lastReceivedAt <= limit) continue;
        const station = key.slice(rule.id.length + 1);
        s.silentSince = s.lastAt;
        out.push(this.silenceRaise(rule, station, s.lastAt, s.lastAt + limit));
      }
    }
    return out;
  }

  private silenceRaise(rule: SilenceRule, station: string, lastAt: number, at: number): RaiseSignal {
    const st = this.index.station(station);
    const ind = this.index.indicator(rule.indicator)!;
    const name = st?.name ?? station;
    return {
      type: 'raise',
      alertId: alertIdOf(rule.id, station, lastAt),
      ruleId: rule.id,
      kind: 'silence',
      severity: rule.severity,
      area: st?.area ?? '',
      station,
      indicator: rule.indicator,
      title: rule.title ?? {
        vi: `${name}: mất tín hiệu ${ind.name.vi.toLowerCase()} quá ${rule.factor} chu kỳ`,
        en: `${name}: no ${ind.name.en.toLowerCase()} reading for more than ${rule.factor} cadences`,
      },
      value: null,
      level: null,
      band: null,
      startedAt: lastAt,
      at,
    };
  }

  private subject(rule: AlertRule, station: string): Subject {
    const key = `${rule.id}|${station}`;
    let s = this.subjects.get(key);
    if (!s) {
      s = {
        lastAt: -Infinity,
        h: IDLE,
        band: { b: 0, pending: null, startedAt: null },
        window: rule.kind === 'rate' ? new RateWindow() : null,
        silentSince: null,
        lastReceivedAt: -Infinity,
      };
      this.subjects.set(key, s);
    }
    return s;
  }

  private bands(indicator: string, station: string): Band[] {
    return this.index.bandsFor(indicator, station) ?? [];
  }

  private names(indicator: string, station: string): Names {
    const st = this.index.station(station);
    const ind = this.index.indicator(indicator);
    return { st: st?.name ?? station, area: st?.area ?? '', vi: ind?.name.vi ?? indicator, en: ind?.name.en ?? indicator, unit: ind?.unit ?? '' };
  }

  private threshold(rule: ThresholdRule, s: Subject, r: Reading, out: AlertSignal[]): void {
    const station = r.station!;
    const v = r.value!;
    let level: number;
    let levelName: Label;
    if (typeof rule.level === 'number') {
      level = rule.level;
      levelName = { vi: fmt(level, this.names(r.indicator, station).unit), en: fmt(level, this.names(r.indicator, station).unit) };
    } else {
      const bandId = rule.level.band;
      const b = this.bands(r.indicator, station).find((x) => x.id === bandId);
      if (!b || b.from === null) return;
      level = b.from;
      levelName = b.label;
    }
    this.stepEpisode(rule, s, r, { on: v >= level, off: v < level - rule.deadband }, out, {
      kind: 'threshold',
      level,
      title: (n) => ({
        vi: `${n.st}: ${n.vi} ${fmt(v, n.unit)} vượt ngưỡng ${levelName.vi}`,
        en: `${n.st}: ${n.en} ${fmt(v, n.unit)} above ${levelName.en}`,
      }),
    });
  }

  private band(rule: BandRule, s: Subject, r: Reading, out: AlertSignal[]): void {
    const station = r.station!;
    const v = r.value!;
    const bands = this.bands(r.indicator, station);
    const minIdx = bands.findIndex((b) => b.id === rule.minBand);
    if (bands.length === 0 || minIdx < 0) return;
    let raw = 0;
    for (let i = 0; i < bands.length; i++) if (bands[i]!.from === null || v >= bands[i]!.from!) raw = i;
    const st = s.band;
    const curFrom = bands[st.b]!.from;
    let target = st.b;
    if (raw > st.b) target = raw;
    else if (raw < st.b && curFrom !== null && v < curFrom - rule.deadband) target = raw;
    if (target === st.b) {
      st.pending = null;
      return;
    }
    if (!st.pending || Math.sign(st.pending.target - st.b) !== Math.sign(target - st.b)) st.pending = { target, since: r.observedAt };
    else st.pending.target = target;
    if (r.observedAt - st.pending.since < rule.holdSec * 1000) return;
    const from = st.b;
    const since = st.pending.since;
    st.b = target;
    st.pending = null;
    const band = bands[target]!;
    const n = this.names(r.indicator, station);
    const above = band.from !== null ? v - band.from : null;
    const title: Label = rule.title ?? {
      vi: `${n.st}: ${n.vi} ${fmt(v, n.unit)} — ${band.label.vi}${above !== null && r.indicator === 'water_level' ? ` (+${Math.round(above)} cm)` : ''}`,
      en: `${n.st}: ${n.en} ${fmt(v, n.unit)} — ${band.label.en}${above !== null && r.indicator === 'water_level' ? ` (+${Math.round(above)} cm)` : ''}`,
    };
    const severity = rule.severityByBand[band.id] ?? 'medium';
    if (from < minIdx && target >= minIdx) {
      st.startedAt = since;
      out.push({
        type: 'raise',
        alertId: alertIdOf(rule.id, station, since),
        ruleId: rule.id,
        kind: 'band',
        severity,
        area: n.area,
        station,
        indicator: r.indicator,
        title,
        value: v,
        level: band.from,
        band: band.id,
        startedAt: since,
        at: r.observedAt,
      });
    } else if (from >= minIdx && st.startedAt !== null) {
      const id = alertIdOf(rule.id, station, st.startedAt);
      if (target >= minIdx)
        out.push({
          type: target > from ? 'escalated' : 'deescalated',
          alertId: id,
          severity,
          band: band.id,
          level: band.from,
          value: v,
          title,
          at: r.observedAt,
        });
      else {
        out.push({ type: 'cleared', alertId: id, value: v, at: r.observedAt });
        st.startedAt = null;
      }
    }
  }

  private rate(rule: RateRule, s: Subject, r: Reading, out: AlertSignal[]): void {
    const t = r.observedAt;
    const w = s.window!;
    w.push(t, r.value!, rule.windowSec * 1000);
    const firstT = w.firstTime()!;
    // a rate needs at least half the window of data
    if (t - firstT < (rule.windowSec * 1000) / 2) return;
    const perHour = ((r.value! - w.firstValue()!) / (t - firstT)) * 3_600_000;
    this.stepEpisode(rule, s, r, { on: perHour >= rule.risePerHour, off: perHour < rule.risePerHour - rule.deadband }, out, {
      kind: 'rate',
      level: rule.risePerHour,
      title: (n) => ({
        vi: `${n.st}: ${n.vi} tăng nhanh ${fmt(perHour, n.unit)}/giờ (${fmt(r.value!, n.unit)})`,
        en: `${n.st}: ${n.en} rising fast, ${fmt(perHour, n.unit)}/h (${fmt(r.value!, n.unit)})`,
      }),
    });
  }

  /**
   * One reading's step of a threshold or rate rule's episode (hysteresis with hold time): `cleared`
   * when the episode ends, a raise titled by the rule (or `raised.title`) when it is confirmed.
   */
  private stepEpisode(
    rule: ThresholdRule | RateRule,
    s: Subject,
    r: Reading,
    cond: { on: boolean; off: boolean },
    out: AlertSignal[],
    raised: { kind: 'threshold' | 'rate'; level: number; title: (n: Names) => Label },
  ): void {
    const station = r.station!;
    const { next, signal } = stepHysteresis(s.h, r.observedAt, cond.on, cond.off, rule.holdSec * 1000);
    s.h = next;
    if (!signal) return;
    const id = alertIdOf(rule.id, station, signal.startedAt);
    if (signal.type === 'off') {
      out.push({ type: 'cleared', alertId: id, value: r.value, at: r.observedAt });
      return;
    }
    const n = this.names(r.indicator, station);
    out.push({
      type: 'raise',
      alertId: id,
      ruleId: rule.id,
      kind: raised.kind,
      severity: rule.severity,
      area: n.area,
      station,
      indicator: r.indicator,
      title: rule.title ?? raised.title(n),
      value: r.value,
      level: raised.level,
      band: null,
      startedAt: signal.startedAt,
      at: r.observedAt,
    });
  }
}
