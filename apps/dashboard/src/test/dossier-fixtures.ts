import type { DossierDetail, DossierIndicatorRow, DossierIndicatorsResponse, DossierSummary, WatchlistResponse } from '@cityioc/contracts';
import { NOW } from './fixtures.ts';

const pair = (numerator: number, denominator: number) => ({ numerator, denominator });

/** A row of the indicators API with plausible, consistent counts; override what a test is about. */
export function indicatorRow(key: string, extra: Partial<DossierIndicatorRow> = {}): DossierIndicatorRow {
  return {
    key,
    received: 100,
    inProcess: 30,
    completed: 68,
    completedOnTime: 62,
    completedLate: 6,
    stopped: 2,
    overdue: 3,
    onTime: pair(90, 100),
    onlineSubmission: pair(55, 100),
    onlinePayment: pair(20, 50),
    digitisation: pair(70, 100),
    reuse: pair(30, 100),
    electronicResult: pair(40, 68),
    avgProcessingWorkingDays: pair(272, 68),
    ...extra,
  };
}

export function indicatorsResponse(rows: DossierIndicatorRow[], extra: Partial<DossierIndicatorsResponse> = {}): DossierIndicatorsResponse {
  return {
    period: '2026-11',
    scope: '92',
    by: 'area',
    asOf: NOW - 30_000,
    total: indicatorRow('92', {
      received: rows.reduce((s, r) => s + r.received, 0),
      onTime: pair(
        rows.reduce((s, r) => s + r.onTime.numerator, 0),
        rows.reduce((s, r) => s + r.onTime.denominator, 0),
      ),
    }),
    rows,
    ...extra,
  };
}

export function summary(code: string, extra: Partial<DossierSummary> = {}): DossierSummary {
  return {
    dossierCode: code,
    procedureCode: '1.000494',
    procedureName: null,
    agencyCode: '000.00.16.H13',
    agencyName: null,
    adminUnitCode: '916',
    adminUnitName: null,
    channel: 2,
    status: 4,
    receivedAt: NOW - 10 * 86_400_000,
    dueAt: NOW - 2 * 86_400_000,
    supplementRequests: 0,
    workingDays: 1.5,
    ...extra,
  };
}

export function watchlist(overdue: DossierSummary[], dueSoon: DossierSummary[], extra: Partial<WatchlistResponse> = {}): WatchlistResponse {
  return { asOf: NOW - 10_000, area: '916', agency: null, within: 2, overdue, dueSoon, truncated: false, ...extra };
}

export function detail(code: string, extra: Partial<DossierDetail> = {}): DossierDetail {
  return {
    summary: summary(code),
    due: { at: NOW - 2 * 86_400_000, source: 'appointment', procedure: null },
    overdue: true,
    verdict: 'open',
    trail: [
      { status: 2, statusAt: NOW - 10 * 86_400_000, eventId: `${code}#2` },
      { status: 4, statusAt: NOW - 9 * 86_400_000, eventId: `${code}#4` },
    ],
    asOf: NOW - 5_000,
    ...extra,
  };
}
