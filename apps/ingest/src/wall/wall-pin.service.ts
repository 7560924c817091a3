import { randomUUID } from 'node:crypto';
import { DEFAULT_WALL, WALL_PANEL_IDS, WALL_SCENE_IDS, type WallPin, type WallPinPush, type WallPinTarget, type WallSummary } from '@cityioc/contracts';
import { activePin, makePin, pinTtlProblem, type CatalogueIndex, type PinTtlBounds } from '@cityioc/domain';
import type { RetiredLookup } from '../access/units-in-force.ts';
import type { AuditService } from '../access/audit.service.ts';
import type { Principal } from '../access/principal.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { fieldError } from '../plugins/errors.ts';
import type { ReferenceStore } from '../store/reference-store.ts';

/** The reference-document kind of the pins: one key per wall, every change a new version (the audit log says who). */
export const WALL_PIN_KIND = 'wall.pin';

/** A wall's pin document as stored: the pin in force (null once released or ended) and the pin the change ended. */
interface PinDoc {
  pin: WallPin | null;
  ended: WallPin | null;
  reason: WallPinPush['reason'];
}

export interface WallPinDeps {
  reference: ReferenceStore;
  index: CatalogueIndex;
  retired: RetiredLookup;
  alerts: Pick<AlertService, 'detail'>;
  audit: Pick<AuditService, 'record'>;
  /** The one broadcaster's `wallPin` (to every socket, across nodes). */
  push: (p: WallPinPush) => void;
  /** How many screens each wall has open now (the broadcaster's wallScreens); none when not given. */
  screens?: () => Promise<ReadonlyMap<string, number>>;
  clock: () => number;
  ttl: PinTtlBounds;
  onError: (err: unknown) => void;
}

const PANELS: ReadonlySet<string> = new Set(WALL_PANEL_IDS);
const SCENES: ReadonlySet<string> = new Set(WALL_SCENE_IDS);

/**
 * Briefing pins (issue 13 #4). A pin is stored (a versioned reference document per wall, both
 * engines) before it is pushed, so a wall that (re)connects to any node reads it back; it ends by
 * itself at `until` (the domain's `activePin` on every read, and this node's ticker, which stores
 * the end and pushes it). Every node that learns of a pin (it took the pin, read it at start or on
 * a GET) watches it; the expiry's document is the same on every node, so the store keeps it once
 * and only the node that stored it pushes and audits it.
 */
export class WallPinService {
  private readonly watched = new Map<string, WallPin>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WallPinDeps) {}

  /** The pin in force on a wall, or null. */
  async current(wall: string): Promise<WallPin | null> {
    const pin = activePin((await this.latest(wall))?.pin, this.deps.clock());
    if (pin) this.arm(pin);
    return pin;
  }

  /**
   * The walls a leader can pin to: the default wall, every wall pinned before and every wall with a
   * screen open now; each with its open screens and its pin in force. The default wall first, then by name.
   */
  async walls(): Promise<WallSummary[]> {
    const screens = (await this.deps.screens?.()) ?? new Map<string, number>();
    const names = new Set([DEFAULT_WALL, ...(await this.deps.reference.referenceKeys(WALL_PIN_KIND)), ...screens.keys()]);
    const ordered = [...names].sort((a, b) => (a === DEFAULT_WALL ? -1 : b === DEFAULT_WALL ? 1 : a < b ? -1 : a > b ? 1 : 0));
    return Promise.all(ordered.map(async (wall) => ({ wall, screens: screens.get(wall) ?? 0, pin: await this.current(wall) })));
  }

  /** Checks the target (422 with field and reason; 403 outside the leader's scope), stores the pin, pushes it, audits it. */
  async pin(input: { wall: string; target: WallPinTarget; ttlSeconds?: number | undefined }, by: Principal, ip: string | null): Promise<WallPin> {
    const ttl = pinTtlProblem(input.ttlSeconds, this.deps.ttl);
    if (ttl) throw fieldError(422, 'ttl_out_of_range', '/ttlSeconds', ttl);
    const unit = await this.checkTarget(input.target, by);
    return this.serial(async () => {
      const now = this.deps.clock();
      const ended = activePin((await this.latest(input.wall))?.pin, now);
      const pin = makePin({ id: randomUUID(), wall: input.wall, target: input.target, by: by.name, ttlSeconds: input.ttlSeconds }, now);
      await this.store(input.wall, { pin, ended, reason: 'pinned' }, by.actor);
      this.arm(pin);
      this.deps.push({ wall: input.wall, pin, reason: 'pinned', ended });
      await this.deps.audit.record({
        actor: by,
        action: 'wall.pin',
        target: input.wall,
        unit,
        ip,
        details: { pin: pin.id, target: pin.target, until: pin.until },
      });
      return pin;
    });
  }

  /** Ends the wall's pin now; resolves to the pin that was in force (null: none, nothing stored or pushed). */
  release(wall: string, by: Principal, ip: string | null): Promise<WallPin | null> {
    return this.serial(async () => {
      const ended = activePin((await this.latest(wall))?.pin, this.deps.clock());
      if (!ended) return null;
      await this.store(wall, { pin: null, ended, reason: 'released' }, by.actor);
      this.disarm(wall);
      this.deps.push({ wall, pin: null, reason: 'released', ended });
      await this.deps.audit.record({ actor: by, action: 'wall.unpin', target: wall, ip, details: { pin: ended.id, target: ended.target, reason: 'released' } });
      return ended;
    });
  }

  /** At start: watches the pins in force on every wall (a restart keeps a pin and still ends it on time). */
  async start(): Promise<void> {
    for (const wall of await this.deps.reference.referenceKeys(WALL_PIN_KIND)) await this.current(wall);
  }

  close(): void {
    this.watched.clear();
  }

  private async checkTarget(t: WallPinTarget, by: Principal): Promise<string | null> {
    switch (t.kind) {
      case 'panel':
        if (!PANELS.has(t.panel))
          throw fieldError(422, 'unknown_panel', '/target/panel', `'${t.panel}' is not a wall panel; one of: ${WALL_PANEL_IDS.join(', ')}`);
        return null;
      case 'scene':
        if (!SCENES.has(t.scene))
          throw fieldError(422, 'unknown_scene', '/target/scene', `'${t.scene}' is not a wall scene; one of: ${WALL_SCENE_IDS.join(', ')}`);
        return null;
      case 'unit': {
        if (!this.deps.index.area(t.unitCode)) {
          const r = this.deps.retired(t.unitCode);
          if (r) {
            const instead = r.successors.length > 0 ? `: pin one of the units that took it over: ${r.successors.join(', ')}` : '';
            throw fieldError(422, 'unit_not_in_force', '/target/unitCode', `unit '${t.unitCode}' (${r.label}) is not in force today${instead}`);
          }
          throw fieldError(422, 'unknown_unit', '/target/unitCode', `unit '${t.unitCode}' is not a unit of the area registry`);
        }
        if (!by.scope.area(t.unitCode)) throw fieldError(403, 'out_of_scope', '/target/unitCode', `unit '${t.unitCode}' is outside the scope of ${by.name}`);
        return t.unitCode;
      }
      case 'alert': {
        const d = await this.deps.alerts.detail(t.alertId, by.scope);
        if (!d) throw fieldError(422, 'unknown_alert', '/target/alertId', `alert '${t.alertId}' does not exist${by.scope.all ? '' : ' in your scope'}`);
        return d.alert.area;
      }
    }
  }

  /** The wall's latest pin document: one indexed read of its highest version, however many pins and releases it has had. */
  private async latest(wall: string): Promise<PinDoc | null> {
    return ((await this.deps.reference.referenceLatest(WALL_PIN_KIND, wall))?.body as PinDoc | undefined) ?? null;
  }

  private async store(wall: string, doc: PinDoc, origin: string): Promise<boolean> {
    const [r] = await this.deps.reference.putReferenceItems(WALL_PIN_KIND, [{ key: wall, validFrom: null, body: doc, origin }], this.deps.clock());
    return r?.stored ?? false;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The pin this node watches on a wall; replaced when the pin changes. */
  private arm(pin: WallPin): void {
    this.watched.set(pin.wall, pin);
  }

  private disarm(wall: string): void {
    this.watched.delete(wall);
  }

  /**
   * Called on every tick of the ticker with its clock: ends the watched pins whose `until` has
   * passed (at most one tick late; nothing to do, and no store read, while none has).
   */
  tick(now: number): void {
    for (const pin of this.watched.values())
      if (!activePin(pin, now)) {
        this.disarm(pin.wall);
        void this.expire(pin).catch(this.deps.onError);
      }
  }

  private expire(pin: WallPin): Promise<void> {
    return this.serial(async () => {
      if ((await this.latest(pin.wall))?.pin?.id !== pin.id) return;
      // the same document on every node: the store keeps the first, the others are told it was there
      if (!(await this.store(pin.wall, { pin: null, ended: pin, reason: 'expired' }, 'system'))) return;
      this.deps.push({ wall: pin.wall, pin: null, reason: 'expired', ended: pin });
      await this.deps.audit.record({
        actor: 'system',
        action: 'wall.unpin',
        target: pin.wall,
        details: { pin: pin.id, target: pin.target, reason: 'expired' },
      });
    });
  }
}
