import type { AuditRecord } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { actionLabel } from '../admin/audit/audit.model.ts';
import { en, vi } from '../i18n/resources.ts';
import { auditTargetText, wallLabel, type PinAuditNames } from './pin-audit.ts';

/** The resources' text for a key, with its {{values}} filled in (what i18next does with them). */
const translator =
  (tree: object): PinAuditNames['t'] =>
  (key, values = {}) => {
    const text = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);
    if (typeof text !== 'string') throw new Error(`no string for ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
const names = (tree: object): PinAuditNames => ({
  t: translator(tree),
  panelTitle: (id) => (id === 'water-level' ? 'Mực nước các trạm' : null),
  sceneTitle: (id) => (id === 'reporting' ? 'Báo cáo' : null),
  area: (code) => (code === '31135' ? 'phường Ninh Kiều' : code),
});
const record = (action: string, target: string | null, details: Record<string, unknown> | null): Pick<AuditRecord, 'action' | 'target' | 'details'> => ({
  action,
  target,
  details,
});

describe('the audit page names the wall’s and the alert evaluator’s records', () => {
  it('labels the actions in Vietnamese and English', () => {
    const label = (action: string, tree: object) => translator(tree)(actionLabel(action)!);
    expect(['wall.pin', 'wall.unpin', 'wall.playlist.replace', 'alerts.evaluator'].map((a) => label(a, vi))).toEqual([
      'Ghim lên màn hình tường',
      'Bỏ ghim màn hình tường',
      'Sửa danh sách cảnh của màn hình tường',
      'Đổi máy chủ đánh giá cảnh báo',
    ]);
    expect(label('wall.pin', en)).toBe('Pinned to the wall');
    // the family filter
    expect(actionLabel('wall.')).toBe('pin.audit.actions.wall');
  });

  it('writes a pin’s target as the wall and what was pinned, a release or an expiry as such', () => {
    const n = names(vi);
    const pinDetails = (target: unknown, extra: Record<string, unknown> = {}) => ({ pin: 'p1', target, until: '2026-12-05T09:40:00+07:00', ...extra });
    expect(auditTargetText(record('wall.pin', 'main', pinDetails({ kind: 'panel', panel: 'water-level' })), n)).toBe(
      'Màn hình tường chính: Bảng · Mực nước các trạm',
    );
    expect(auditTargetText(record('wall.pin', 'phong-hop', pinDetails({ kind: 'unit', unitCode: '31135' })), n)).toBe(
      'Màn hình tường “phong-hop”: Đơn vị · phường Ninh Kiều',
    );
    expect(auditTargetText(record('wall.unpin', 'main', pinDetails({ kind: 'scene', scene: 'reporting' }, { reason: 'expired' })), n)).toBe(
      'Màn hình tường chính: Màn hình · Báo cáo (hết thời gian ghim)',
    );
    expect(auditTargetText(record('wall.unpin', 'main', pinDetails({ kind: 'alert', alertId: 'flood-band:wl-can-tho:1' }, { reason: 'released' })), n)).toBe(
      'Màn hình tường chính: Cảnh báo · flood-band:wl-can-tho:1 (bỏ ghim)',
    );
    // a target of another shape is not guessed at; an unknown panel keeps its id
    expect(auditTargetText(record('wall.pin', 'main', pinDetails({ kind: 'panel', panel: 7 })), n)).toBe('Màn hình tường chính: —');
    expect(auditTargetText(record('wall.pin', 'main', pinDetails({ kind: 'panel', panel: 'gone' })), n)).toBe('Màn hình tường chính: Bảng · gone');
    expect(auditTargetText(record('wall.pin', 'main', pinDetails({ kind: 'unit', unitCode: '31135' })), names(en))).toBe('Main wall: Unit · phường Ninh Kiều');
  });

  it('writes the playlist’s version and the evaluator’s node; other actions keep their recorded target', () => {
    const n = names(vi);
    expect(auditTargetText(record('wall.playlist.replace', 'wall-playlist:3', { version: 3, scenes: [] }), n)).toBe('Danh sách cảnh, phiên bản 3');
    expect(auditTargetText(record('wall.playlist.replace', 'wall-playlist:4', null), n)).toBe('Danh sách cảnh, phiên bản 4');
    expect(auditTargetText(record('alerts.evaluator', 'node-a', { evaluates: true, alertsSeq: 12 }), n)).toBe('Máy chủ node-a bắt đầu đánh giá cảnh báo');
    expect(auditTargetText(record('alerts.evaluator', 'node-a', { evaluates: false }), n)).toBe('Máy chủ node-a thôi đánh giá cảnh báo');
    expect(auditTargetText(record('user.create', 'dung.nk', null), n)).toBeNull();
    expect(wallLabel('main', n.t)).toBe('Màn hình tường chính');
  });
});
