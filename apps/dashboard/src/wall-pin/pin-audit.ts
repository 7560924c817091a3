import { DEFAULT_WALL, type AuditRecord, type WallPinTarget } from '@cityioc/contracts';

/** What the audit page's target column needs to name a pin's target (the page's translator and name lookups). */
export interface PinAuditNames {
  t: (key: string, values?: Record<string, string | number>) => string;
  panelTitle(id: string): string | null;
  sceneTitle(id: string): string | null;
  area(code: string): string;
}

/** A wall as a leader reads it: "Màn hình tường chính" for the default wall, else "Màn hình tường “phong-hop”". */
export const wallLabel = (wall: string, t: PinAuditNames['t']): string => (wall === DEFAULT_WALL ? t('pin.walls.main') : t('pin.walls.named', { wall }));

/** A pinned target in words ("Bảng · Mực nước các trạm", "Đơn vị · phường Ninh Kiều"); the alert by its id. */
export function pinTargetText(target: WallPinTarget, n: PinAuditNames): string {
  const kind = n.t(`pin.kind.${target.kind}`);
  switch (target.kind) {
    case 'panel':
      return `${kind} · ${n.panelTitle(target.panel) ?? target.panel}`;
    case 'scene':
      return `${kind} · ${n.sceneTitle(target.scene) ?? target.scene}`;
    case 'unit':
      return `${kind} · ${n.area(target.unitCode)}`;
    case 'alert':
      return `${kind} · ${target.alertId}`;
  }
}

const KINDS = new Set(['panel', 'scene', 'unit', 'alert']);
/** The target recorded in an audit record's details, when it has the shape of one. */
function recordedTarget(v: unknown): WallPinTarget | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) return null;
  const field = { panel: 'panel', scene: 'scene', unit: 'unitCode', alert: 'alertId' }[o.kind as WallPinTarget['kind']];
  return typeof o[field] === 'string' ? (o as unknown as WallPinTarget) : null;
}

/**
 * The audit page's target column for the wall's and the alert evaluator's actions, in the reader's
 * language: "Màn hình tường chính: Bảng · Mực nước các trạm (hết thời gian)", "Danh sách cảnh, phiên
 * bản 3", "Nút node-a bắt đầu đánh giá cảnh báo". Null for any other action (shown as recorded).
 * Recorded strings are returned as text, never markup.
 */
export function auditTargetText(r: Pick<AuditRecord, 'action' | 'target' | 'details'>, n: PinAuditNames): string | null {
  const d = r.details ?? {};
  switch (r.action) {
    case 'wall.pin':
    case 'wall.unpin': {
      const target = recordedTarget(d.target);
      const what = target ? pinTargetText(target, n) : '—';
      const wall = wallLabel(r.target ?? DEFAULT_WALL, n.t);
      if (r.action === 'wall.pin') return n.t('pin.audit.target.pin', { wall, what });
      return n.t(d.reason === 'expired' ? 'pin.audit.target.expired' : 'pin.audit.target.released', { wall, what });
    }
    case 'wall.playlist.replace': {
      const version = typeof d.version === 'number' ? d.version : Number(/:(\d+)$/.exec(r.target ?? '')?.[1] ?? NaN);
      return Number.isFinite(version) ? n.t('pin.audit.target.playlist', { version }) : null;
    }
    case 'alerts.evaluator':
      return n.t(d.evaluates === false ? 'pin.audit.target.evaluatorOff' : 'pin.audit.target.evaluatorOn', { node: r.target ?? '—' });
    default:
      return null;
  }
}
