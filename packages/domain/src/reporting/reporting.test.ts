import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/work-calendar.ts';
import { localTimeMs, toLocalRfc3339 } from '../calendar/local-time.ts';
import { REPORTING_INDICATORS, type ReportingIndicator } from './catalogue.ts';
import { aggregateUnits, evaluateTarget, rankUnits, targetFor } from './evaluate.ts';
import { comparePeriods } from '../calendar/period.ts';
import { parseReportPeriod, reportPeriod } from './period.ts';
import { reportDeadline, submissionStatus } from './status.ts';
import { checkReport, indexReporting, sameValues } from './validate.ts';
import { parseViDate, parseViNumber, foldText } from './vi-number.ts';

const calendar = createWorkCalendar();
const ind = (id: string) => REPORTING_INDICATORS.find((i) => i.id === id)!;

describe('report periods and Decree 09 cut-off windows', () => {
  it('parses every period kind with its cut-off window', () => {
    expect(reportPeriod('2024-03')).toMatchObject({ kind: 'month', cutoffStart: '2024-02-15', cutoffEnd: '2024-03-14' });
    expect(reportPeriod('2024-01')).toMatchObject({ cutoffStart: '2023-12-15', cutoffEnd: '2024-01-14' });
    expect(reportPeriod('2024-Q1')).toMatchObject({ kind: 'quarter', cutoffStart: '2023-12-15', cutoffEnd: '2024-03-14' });
    expect(reportPeriod('2024-Q3')).toMatchObject({ cutoffStart: '2024-06-15', cutoffEnd: '2024-09-14' });
    expect(reportPeriod('2024-H1')).toMatchObject({ kind: 'half', cutoffStart: '2023-12-15', cutoffEnd: '2024-06-14' });
    expect(reportPeriod('2024-9M')).toMatchObject({ kind: 'nine_months', cutoffStart: '2023-12-15', cutoffEnd: '2024-09-14' });
    expect(reportPeriod('2023')).toMatchObject({ kind: 'year', cutoffStart: '2022-12-15', cutoffEnd: '2023-12-14' });
  });

  it('rejects periods that do not exist, saying why', () => {
    for (const id of ['2024-13', '2024-00', '2024-Q5', '2024-Q0', '2024-H3', '1899']) {
      const p = parseReportPeriod(id);
      expect(p.ok, id).toBe(false);
      if (!p.ok) expect(p.reason).toBe('nonexistent');
    }
    const bad = parseReportPeriod('2024-W05');
    expect(bad.ok === false && bad.reason).toBe('malformed');
  });

  it('orders periods by year and end month', () => {
    expect(['2024', '2023', '2024-Q1', '2024-03', '2024-H1'].sort(comparePeriods)).toEqual(['2023', '2024-03', '2024-Q1', '2024-H1', '2024']);
  });
});

describe('deadlines on the working-day calendar', () => {
  it('counts working days after the cut-off, skipping Tết (deadline 2 working days after Sat 14 Feb 2026 → Tue 24 Feb)', () => {
    const d = reportDeadline({ kind: 'working-days-after-cutoff', days: 2 }, reportPeriod('2026-02'), calendar);
    expect(toLocalRfc3339(d)).toBe('2026-02-24T17:00:00+07:00');
  });

  it('moves a fixed-day deadline falling on a holiday to the next working day (1 Jan 2025 → 2 Jan 2025)', () => {
    const d = reportDeadline({ kind: 'day-of-month', day: 1, monthsAfter: 1 }, reportPeriod('2024'), calendar);
    expect(toLocalRfc3339(d)).toBe('2025-01-02T17:00:00+07:00');
  });

  it('keeps a fixed-day deadline on a working day and moves a Saturday to Monday', () => {
    expect(toLocalRfc3339(reportDeadline({ kind: 'day-of-month', day: 20, monthsAfter: 0 }, reportPeriod('2024-Q1'), calendar))).toBe(
      '2024-03-20T17:00:00+07:00',
    );
    // 20 Apr 2024 is a Saturday
    expect(toLocalRfc3339(reportDeadline({ kind: 'day-of-month', day: 20, monthsAfter: 0 }, reportPeriod('2024-04'), calendar))).toBe(
      '2024-04-22T17:00:00+07:00',
    );
  });
});

describe('submission status', () => {
  const p = reportPeriod('2024-Q1');
  const deadline = localTimeMs('2024-03-18', 17);
  const none = { submittedAt: null, firstSubmittedAt: null, review: null };
  it('not due before the cut-off closes, due until the deadline, overdue after', () => {
    expect(submissionStatus(none, p, deadline, localTimeMs('2024-03-14', 12))).toBe('not_due');
    expect(submissionStatus(none, p, deadline, localTimeMs('2024-03-15', 9))).toBe('due');
    expect(submissionStatus(none, p, deadline, localTimeMs('2024-03-18', 17, 1))).toBe('overdue');
  });
  it('on time or late by the first submission; a review overrides', () => {
    const onTime = { submittedAt: localTimeMs('2024-03-20', 9), firstSubmittedAt: localTimeMs('2024-03-18', 16), review: null };
    expect(submissionStatus(onTime, p, deadline, localTimeMs('2024-04-01', 0))).toBe('submitted_on_time');
    expect(submissionStatus({ ...onTime, firstSubmittedAt: onTime.submittedAt }, p, deadline, localTimeMs('2024-04-01', 0))).toBe('submitted_late');
    expect(submissionStatus({ ...onTime, review: 'returned' }, p, deadline, 0)).toBe('returned');
    expect(submissionStatus({ ...onTime, review: 'accepted' }, p, deadline, 0)).toBe('accepted');
  });
});

describe('targets', () => {
  it('met / near / missed honour the direction; near is within 5 % of the target', () => {
    const up = ind('online_payment_rate');
    const t = targetFor(up, '92', reportPeriod('2023'));
    expect(t).toBe(30);
    expect(evaluateTarget(42.4, t, up)).toBe('met');
    expect(evaluateTarget(28.5, t, up)).toBe('near');
    expect(evaluateTarget(28.4, t, up)).toBe('missed');
    const down: Pick<ReportingIndicator, 'direction'> = { direction: 'down' };
    expect(evaluateTarget(5, 5, down)).toBe('met');
    expect(evaluateTarget(5.2, 5, down)).toBe('near');
    expect(evaluateTarget(6, 5, down)).toBe('missed');
    expect(evaluateTarget(null, 5, down)).toBe('none');
    expect(evaluateTarget(3, null, down)).toBe('none');
  });
  it('picks the most specific target', () => {
    const i: ReportingIndicator = {
      ...ind('par_index'),
      targets: [
        { value: 80, source: 'd' },
        { value: 85, period: 'year', source: 'k' },
        { value: 90, period: '2024', source: 'p' },
        { value: 95, unit: 'SNV', source: 'u' },
      ],
    };
    expect(targetFor(i, 'STP', reportPeriod('2023-Q1'))).toBe(80);
    expect(targetFor(i, 'STP', reportPeriod('2023'))).toBe(85);
    expect(targetFor(i, 'STP', reportPeriod('2024'))).toBe(90);
    expect(targetFor(i, 'SNV', reportPeriod('2024'))).toBe(95);
  });
});

describe('aggregation and rankings', () => {
  it('ratios aggregate as Σnum/Σden, not as a mean of percentages', () => {
    const r = aggregateUnits(ind('e_document_rate'), [
      { unit: 'a', value: null, numerator: 1, denominator: 1 },
      { unit: 'b', value: null, numerator: 0, denominator: 3 },
    ]);
    expect(r).toBe(25);
    expect(
      aggregateUnits(ind('e_document_rate'), [
        { unit: 'a', value: 96, numerator: null, denominator: null },
        { unit: 'b', value: null, numerator: 1, denominator: 2 },
      ]),
    ).toBeNull();
  });
  it('ranks best first with shared ranks and averages the loaded values', () => {
    const vals = [91, 95, 95, 93.5].map((v, i) => ({ unit: `u${i}`, value: v, numerator: null, denominator: null }));
    const ranked = rankUnits(ind('par_index'), vals);
    expect(ranked.map((r) => [r.item.unit, r.rank])).toEqual([
      ['u1', 1],
      ['u2', 1],
      ['u3', 3],
      ['u0', 4],
    ]);
    expect(aggregateUnits(ind('par_index'), vals)).toBeCloseTo(93.625, 10);
    const down = rankUnits(ind('dti_rank'), vals);
    expect(down[0]!.item.unit).toBe('u0');
  });
});

describe('vi-VN numbers and text', () => {
  it.each([
    ['92,27', 92.27],
    ['1.164', 1164],
    ['328.330', 328330],
    ['1.234.567,5', 1234567.5],
    [' 42,4 %', 42.4],
    ['13\u00a0000', 13000],
    ['-3', -3],
    ['0.6924', 'ambiguous_number'],
    ['1.16', 'ambiguous_number'],
    ['chín mươi', 'not_a_number'],
    ['12,3,4', 'not_a_number'],
    ['', 'empty'],
  ])('reads thousands separators and decimal commas: %j → %j', (written, expected) => {
    const n = parseViNumber(written);
    expect(n.ok ? n.value : n.reason).toBe(expected);
  });
  it('folds case, diacritics and spacing', () => {
    expect(foldText('  Mã  ĐƠN vị ')).toBe(foldText('ma don vi'));
    expect(foldText('Sở LĐ-TB&XH')).toBe('so ld tb va xh');
  });
  it('reads dd/mm/yyyy at local time', () => {
    expect(parseViDate('28/02/2024')).toBe(localTimeMs('2024-02-28', 0));
    expect(parseViDate('31/02/2024')).toBeNull();
  });
});

describe('report checks', () => {
  const cat = indexReporting();
  it('accepts a valid report', () => {
    const r = checkReport(cat, {
      regime: 'cchc-cds',
      unit: '92',
      period: '2022-Q1',
      values: [{ indicator: 'e_document_rate', numerator: 328330, denominator: 342006 }],
    });
    expect(r.ok).toBe(true);
  });
  it('names every bad field', () => {
    const r = checkReport(cat, {
      regime: 'cchc-cds',
      unit: 'XYZ',
      period: '2024-Q5',
      values: [
        { indicator: 'nope', value: 1 },
        { indicator: 'e_document_rate', numerator: 5, denominator: 4 },
        { indicator: 'par_index', value: 101 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => `${e.field}:${e.reason}`)).toEqual([
        '/unit:unknown_unit',
        '/period:nonexistent_period',
        '/values/0/indicator:unknown_indicator',
        '/values/1/numerator:range',
        '/values/2/indicator:not_in_regime',
        '/values/2/value:range',
      ]);
  });
  it('compares value sets ignoring order', () => {
    expect(
      sameValues(
        [
          { indicator: 'a', value: 1 },
          { indicator: 'b', value: 2 },
        ],
        [
          { indicator: 'b', value: 2 },
          { indicator: 'a', value: 1 },
        ],
      ),
    ).toBe(true);
    expect(sameValues([{ indicator: 'a', value: 1 }], [{ indicator: 'a', value: 1.5 }])).toBe(false);
  });
});
