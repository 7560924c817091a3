import { describe, expect, it } from 'vitest';
import { exportUrl } from '../../exports/export-url.ts';
import { actionLabel, auditExport, auditPath, badRange, validateAuditSearch } from './audit.model.ts';

describe('the audit filters', () => {
  it('keeps well-formed filters and drops the rest', () => {
    expect(validateAuditSearch({ actor: ' dung.nk ', unit: '916', action: 'alert.', from: '2026-05-01', to: '2026-05-31' })).toEqual({
      actor: 'dung.nk',
      unit: '916',
      action: 'alert.',
      from: '2026-05-01',
      to: '2026-05-31',
    });
    expect(validateAuditSearch({ unit: '9 16', action: 'DROP TABLE', from: '2026-02-30x', to: '01/05/2026' })).toEqual({
      actor: undefined,
      unit: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('asks the server with the filters set, in order, and notices a backward range', () => {
    expect(auditPath({ actor: 'dung.nk', from: '2026-05-01' })).toBe('/api/v1/admin/audit?actor=dung.nk&from=2026-05-01&limit=500');
    expect(badRange({ from: '2026-05-02', to: '2026-05-01' })).toBe(true);
    expect(badRange({ from: '2026-05-01', to: '2026-05-01' })).toBe(false);
  });

  it('exports the same filters through the one export URL builder', () => {
    const req = { ...auditExport({ unit: '916', action: 'export' }), lang: 'vi' as const };
    expect(exportUrl(req, 'csv')).toBe('/api/v1/admin/audit.csv?unit=916&action=export&limit=10000&lang=vi&sep=semicolon');
    expect(exportUrl(req, 'xlsx')).toBe('/api/v1/admin/audit.xlsx?unit=916&action=export&limit=10000&lang=vi');
  });

  it('labels an action by itself or its family', () => {
    expect(actionLabel('auth.login_failed')).toBe('access.audit.actions.loginFailed');
    expect(actionLabel('alert.resolve')).toBe('access.audit.actions.alert');
    expect(actionLabel('threshold.change')).toBeNull();
  });
});
