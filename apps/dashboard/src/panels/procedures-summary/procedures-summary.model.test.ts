import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../../test/dossier-fixtures.ts';
import { buildProcedureFigures } from './procedures-summary.model.ts';

const total = indicatorRow('92', {
  received: 1164,
  inProcess: 300,
  completed: 840,
  completedOnTime: 800,
  completedLate: 40,
  overdue: 12,
  onTime: { numerator: 1074, denominator: 1164 },
  onlineSubmission: { numerator: 600, denominator: 1164 },
  onlinePayment: { numerator: 212, denominator: 500 },
  digitisation: { numerator: 0, denominator: 0 },
  avgProcessingWorkingDays: { numerator: 3528, denominator: 840 },
});
const byId = (lang: 'vi' | 'en' = 'vi') => new Map(buildProcedureFigures(total, lang).map((f) => [f.id, f]));

describe('admin scene figures', () => {
  it('lists five counts then four rates, in screen order', () => {
    expect(buildProcedureFigures(total, 'vi').map((f) => f.id)).toEqual([
      'received',
      'inProcess',
      'completedOnTime',
      'completedLate',
      'overdue',
      'onlineSubmission',
      'onlinePayment',
      'digitisation',
      'avgDays',
    ]);
  });

  it('formats counts vi-VN and keeps the raw number for tests', () => {
    const r = byId().get('received')!;
    expect(r).toMatchObject({ raw: 1164, valueText: '1.164', suffix: '', details: [{ key: 'completed', values: { count: '840' } }] });
    expect(byId('en').get('received')!.valueText).toBe('1,164');
    expect(byId().get('inProcess')!.details).toEqual([{ key: 'shareOfReceived', values: { share: '25,8 %' } }]);
    expect(byId().get('completedOnTime')!.details).toEqual([{ key: 'onTimeRate', values: { rate: '92,3 %' } }]);
    expect(byId().get('completedLate')).toMatchObject({ tone: 'bad', details: [{ values: { share: '4,8 %' } }] });
    expect(byId().get('overdue')).toMatchObject({ raw: 12, tone: 'bad' });
  });

  it('shows rates from their pairs, N/A when nothing was measured', () => {
    const online = byId().get('onlineSubmission')!;
    expect(online).toMatchObject({ valueText: '51,5', suffix: ' %', details: [{ key: 'pair', values: { pair: '600 / 1.164' } }] });
    expect(online.raw).toBeCloseTo(600 / 1164, 12);
    const digit = byId().get('digitisation')!;
    expect(digit).toMatchObject({ raw: null, valueText: 'N/A', suffix: '', progress: null });
  });

  it('compares online payment with the 30 % target and cites the 2023 figure', () => {
    const p = byId().get('onlinePayment')!;
    expect(p.valueText).toBe('42,4');
    expect(p.target).toEqual({ text: '30 %', fraction: 0.3, met: true });
    expect(p.details).toEqual([
      { key: 'pair', values: { pair: '212 / 500' } },
      { key: 'reference', values: { reference: '42,4 %' } },
    ]);
    const low = buildProcedureFigures({ ...total, onlinePayment: { numerator: 1, denominator: 10 } }, 'vi').find((f) => f.id === 'onlinePayment')!;
    expect(low.target!.met).toBe(false);
  });

  it('averages processing time in working days', () => {
    expect(byId().get('avgDays')).toMatchObject({ kind: 'days', raw: 4.2, valueText: '4,2', details: [{ values: { count: '840' } }] });
  });

  it('shows dashes, never zeros, before the first response', () => {
    const empty = buildProcedureFigures(null, 'vi');
    expect(empty).toHaveLength(9);
    expect(empty.every((f) => f.valueText === '—' && f.raw === null)).toBe(true);
  });
});
