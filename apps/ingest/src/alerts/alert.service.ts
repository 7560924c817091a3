import type { Alert, AlertEvent, AlertPush, AlertStatus } from '@cityioc/contracts';
import {
  AlertEngine,
  alertFromRaise,
  applyCommand,
  applySignal,
  silenceSiblings,
  SYSTEM_ACTOR,
  type AlertEngineData,
  type AlertRule,
  type AlertSignal,
  type CatalogueIndex,
  type LifecycleCommand,
  type LifecycleError,
  type Reading,
  type ScopeFilter,
  type WorkCalendar,
} from '@cityioc/domain';
import type { Store } from '../store/store.ts';

/** Who acts on an alert: how the trail names them, and the scope they act in. */
export interface AlertActor {
  trailName: string;
  scope: ScopeFilter;
}

/** The serialisable state of an AlertService (see exportState); plain JSON. */
export interface AlertServiceData {
  engine: AlertEngineData;
  /** Signals derived but not yet stored when the state was taken. */
  pending: AlertSignal[];
}

export type CommandResult = { ok: true; alert: Alert; event: AlertEvent } | { ok: false; status: 404 | 409 | 422; reason: string; message: string };

/**
 * Runs the alert rules on committed readings and derived values, keeps alerts and their
 * audit trail in the store, and applies operators' lifecycle commands. Every change to the
 * store goes through one queue, so rule signals and commands never interleave; every stored
 * change is pushed (once the service is live) to the scope rooms of the alert's area.
 *
 * After a restart the engine is rebuilt by replaying the observation log: alert ids are
 * deterministic, so an alert already stored is not raised again and a replayed band change or
 * clear older than the alert's last signal changes nothing.
 */
export class AlertService {
  readonly engine: AlertEngine;
  private queue: Promise<unknown> = Promise.resolve();
  private live = false;
  /** Signals queued and not yet stored, in order, with the log position they come from (a checkpoint carries them: storing is idempotent). */
  private readonly pending = new Map<AlertSignal, number>();
  /**
   * Several nodes (issue 16): only the node holding the evaluator lock stores signals. The others
   * derive the same signals from the same log and hold them, tagged with their log position, until
   * the evaluator's stored position covers them; the node that takes the lock over stores what it
   * holds (idempotent), so nothing is missed and nothing is raised twice.
   */
  private leader = true;
  private held: { signal: AlertSignal; seq: number }[] = [];
  /** The highest observation seq observed. */
  private observedSeq = 0;
  /** Signals applied since start (raised, changed), for logs and tests. */
  readonly stats = { raised: 0, changed: 0, failed: 0 };

  constructor(
    private readonly index: CatalogueIndex,
    private readonly store: Store,
    private readonly calendar: WorkCalendar,
    rules: readonly AlertRule[],
    private readonly clock: () => number,
    private readonly push: (p: AlertPush, scopes: readonly string[]) => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.engine = new AlertEngine(index, rules);
  }

  /** After the replay: from now on changes are pushed to clients. */
  goLive(): void {
    this.live = true;
  }

  /**
   * The engine's state and the signals not yet stored, for checkpoints: restoring it and
   * observing the tail of the log neither raises an alert twice nor misses a signal derived
   * before the checkpoint but not yet stored when the process stopped.
   */
  exportState(): AlertServiceData {
    return { engine: this.engine.exportState(), pending: structuredClone([...this.pending.keys(), ...this.held.map((h) => h.signal)]) };
  }

  /** Loads a state exported by `exportState` into this fresh service and queues its pending signals. */
  importState(data: AlertServiceData): void {
    this.engine.importState(data.engine);
    // their position is unknown here: held until this node evaluates
    if (data.pending.length > 0) this.enqueue(data.pending, Number.MAX_SAFE_INTEGER);
  }

  /** Whether this node stores the signals (true alone; with several nodes, while it holds the evaluator lock). */
  setLeader(on: boolean): void {
    if (on === this.leader) return;
    this.leader = on;
    if (!on) return;
    const held = this.held;
    this.held = [];
    for (const h of held) this.enqueue([h.signal], h.seq);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** The evaluator stored every signal of the log up to `seq`: a follower forgets the ones it held for them. */
  dropCovered(seq: number): void {
    if (this.held.length > 0) this.held = this.held.filter((h) => h.seq > seq);
  }

  /** Every signal derived from the log up to this seq is stored (the evaluator publishes it for its successor). */
  storedUpTo(): number {
    let min = this.observedSeq;
    for (const seq of this.pending.values()) min = Math.min(min, seq - 1);
    return min;
  }

  /** Signals held for the evaluator (tests, metrics). */
  get heldCount(): number {
    return this.held.length;
  }

  /** Readings in log order (observations and the values derived from them). */
  observe(readings: readonly Reading[]): void {
    const signals: AlertSignal[] = [];
    for (const r of readings) {
      const seq = (r as { seq?: number }).seq;
      if (seq !== undefined && seq > this.observedSeq) this.observedSeq = seq;
      for (const s of this.engine.observe(r)) signals.push(s);
    }
    if (signals.length > 0) this.enqueue(signals, this.observedSeq);
  }

  /** Called on every tick with the server clock: stations silent past their limit. */
  checkSilence(now: number): void {
    const signals = this.engine.checkSilence(now);
    if (signals.length > 0) this.enqueue(signals, this.observedSeq);
  }

  /** Resolves when every queued change is stored. */
  flush(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private enqueue(signals: AlertSignal[], seq: number): void {
    if (!this.leader) {
      for (const signal of signals) this.held.push({ signal, seq });
      return;
    }
    for (const s of signals) this.pending.set(s, seq);
    this.queue = this.queue.then(async () => {
      for (const s of signals) {
        try {
          await this.applySignal(s);
          this.pending.delete(s);
        } catch (err) {
          // stays pending: the next checkpoint carries it, and a restart retries it
          this.stats.failed++;
          this.onError(err);
        }
      }
    });
  }

  private async applySignal(s: AlertSignal): Promise<void> {
    const now = this.clock();
    if (s.type === 'raise') {
      const alert = alertFromRaise(s, now);
      const event = {
        alertId: alert.id,
        at: now,
        actor: SYSTEM_ACTOR,
        action: 'raised' as const,
        note: null,
        detail: { value: s.value, level: s.level, band: s.band, observedAt: s.at },
      };
      if (await this.store.insertAlert(alert, event)) {
        this.stats.raised++;
        const [stored] = (await this.store.alertEvents(alert.id)).slice(-1);
        this.emit(alert, stored!);
      }
      return;
    }
    const current = await this.store.getAlert(s.alertId);
    if (!current) return;
    const change = applySignal(current, s, now);
    if (!change) return;
    const stored = await this.store.updateAlert(change.alert, current.revision, change.event);
    if (stored) {
      this.stats.changed++;
      this.emit(change.alert, stored);
      if (s.type === 'cleared' && current.kind === 'silence') await this.clearSilenceSiblings(change.alert, s);
    }
  }

  /** The fresh reading that ends a silence episode also clears the station's older silence alerts of the rule (see silenceSiblings). */
  private async clearSilenceSiblings(cleared: Alert, s: Extract<AlertSignal, { type: 'cleared' }>): Promise<void> {
    const sameArea = await this.store.listAlerts({ areas: [cleared.area], limit: 10_000 });
    for (const other of silenceSiblings(sameArea, cleared)) {
      const change = applySignal(other, { ...s, alertId: other.id }, this.clock());
      const stored = change && (await this.store.updateAlert(change.alert, other.revision, change.event));
      if (change && stored) {
        this.stats.changed++;
        this.emit(change.alert, stored);
      }
    }
  }

  private emit(alert: Alert, event: AlertEvent): void {
    if (!this.live) return;
    this.push({ alert, event, serverTime: this.clock() }, this.index.ancestorsAndSelf(alert.area));
  }

  /** Area codes inside a scope (the scope itself and every area below it). */
  areasUnder(scope: string): string[] {
    return this.index.catalogue.areas.filter((a) => this.index.ancestorsAndSelf(a.code).includes(scope)).map((a) => a.code);
  }

  /** The caller's alerts: within `scope` (their own), and within the asked area when one is asked. */
  async list(filter: { status?: AlertStatus[]; scope?: string; since?: number; limit: number }, scope: ScopeFilter): Promise<Alert[]> {
    let areas: string[] | undefined;
    if (filter.scope) areas = this.areasUnder(filter.scope);
    if (!scope.all) areas = (areas ?? this.index.catalogue.areas.map((a) => a.code)).filter((a) => scope.area(a));
    return this.store.listAlerts({ status: filter.status, areas, since: filter.since, limit: filter.limit });
  }

  /** An alert and its trail; null when it does not exist or lies outside the caller's scope (its existence does not leak). */
  async detail(id: string, scope: ScopeFilter): Promise<{ alert: Alert; events: AlertEvent[] } | null> {
    const alert = await this.store.getAlert(id);
    if (!alert || !scope.area(alert.area)) return null;
    return { alert, events: await this.store.alertEvents(id) };
  }

  /** An operator's command, serialized with the rule signals. */
  command(id: string, cmd: LifecycleCommand, actor: AlertActor): Promise<CommandResult> {
    const run = async (): Promise<CommandResult> => {
      const current = await this.store.getAlert(id);
      // an alert outside the operator's scope does not exist for them
      if (!current || !actor.scope.area(current.area))
        return { ok: false, status: 404, reason: 'not_found', message: `alert ${id} does not exist in your scope` };
      const now = this.clock();
      const r = applyCommand(current, cmd, actor.trailName, now, this.calendar);
      if (!r.ok) return fail(r.error);
      const stored = await this.store.updateAlert(r.alert, current.revision, r.event);
      if (!stored) return { ok: false, status: 409, reason: 'conflict', message: 'the alert changed meanwhile; reload it and try again' };
      this.emit(r.alert, stored);
      return { ok: true, alert: r.alert, event: stored };
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }
}

const fail = (e: LifecycleError): CommandResult => ({ ok: false, status: e.status, reason: e.reason, message: e.message });
