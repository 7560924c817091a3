import type { Score766Item } from '@cityioc/contracts';
import {
  isCompleted,
  madePublicOnTime,
  onlineLevelOf,
  paknFlags,
  paknStatus,
  publishedOnTime,
  timeliness,
  type DossierRecord,
  type ProcedureVersion,
  type Score766ItemKind,
  type WorkCalendar,
} from '@cityioc/domain';
import type { DossierService } from './dossier.service.ts';
import type { PaknService } from './pakn.service.ts';
import type { Score766Service, ScoreQuery } from './score766.service.ts';

/** One item's place in a metric: in the denominator, in the numerator, and why. */
interface Member {
  den: boolean;
  num: boolean;
  reason: string | null;
}

const yes = (num: boolean, why: string | null = null): Member => ({ den: true, num, reason: num ? null : why });
const out: Member = { den: false, num: false, reason: null };

type DossierRule = (r: DossierRecord, ctx: { at: number; procedure: ProcedureVersion | undefined; complained: boolean; calendar: WorkCalendar }) => Member;

/** Each dossier metric's membership: the same definitions as the counters (dossier-cells.ts, formulas.ts), one dossier at a time. */
const DOSSIER_RULES: Readonly<Record<string, DossierRule>> = {
  DOSSIER_SYNC: (r) => (r.syncedToDvcqg === null ? yes(false, 'sync_unknown') : yes(r.syncedToDvcqg, 'not_synced')),
  '2.1': (r, c) => {
    const t = timeliness(r, c.at, c.calendar);
    return t.verdict === 'unknown' ? out : yes(t.verdict === 'on_time', t.reason);
  },
  '2.2': (r) => (isCompleted(r) ? yes(true) : out),
  '3.3': (r, c) =>
    r.channel !== 2 ? yes(false, 'not_online') : c.procedure?.paperResult === true && !r.eResult ? yes(false, 'online_without_e_result') : yes(true),
  '3.6': (r) => (r.feeBearing ? yes(r.onlinePayment === 1 || r.onlinePayment === 2, 'not_paid_online') : out),
  ORIGINAL_RESULT_AVAILABLE: (r, c) => (c.procedure?.paperResult === true && isCompleted(r) ? yes(r.eResult, 'no_e_result') : out),
  SO_HOA_GIAY_TO_GIAI_QUYET: (r, c) =>
    !r.digitized ? yes(false, 'not_digitised') : c.procedure?.paperResult === true && !r.eResult ? yes(false, 'no_e_result') : yes(true),
  REUSED_DIGITIZED_DATA: (r) => yes(r.reusedDigitizedData, 'no_reuse'),
  SYNCED_WITH_DVCQG_PERSONAL_STORAGE: (r) => yes(r.personalStorage, 'not_in_personal_storage'),
  CITIZEN_DATA_CONNECTED_DOSSIER: (r) => yes(r.populationData || r.vneidVerified, 'no_population_data'),
  ELECTRONIC_CERTIFIED_COPY: (r, c) => (c.procedure?.certifiedCopy === true ? yes(r.eCertifiedCopy, 'no_e_copy') : out),
  DOSSIER_RECEIVING_SATISFACTION: (r, c) => {
    const late = timeliness(r, c.at, c.calendar).verdict === 'late';
    return late ? yes(false, 'late') : c.complained ? yes(false, 'pakn_or_dislike') : yes(true);
  },
};

export interface ItemRow {
  item: Score766Item;
  den: boolean;
  num: boolean;
}

/**
 * The items behind a metric's numerator and denominator for a unit and period, in a stable order
 * (dossiers and PAKN by reception, procedures by code). Computed from the same records and rules
 * as the scorecard, so their counts are its numerator and denominator.
 */
export function metricItems(
  metric: { id: string; counts?: Score766ItemKind },
  q: ScoreQuery,
  svc: { score: Score766Service; dossiers: DossierService; pakn: PaknService },
): ItemRow[] {
  const { at, start, end } = svc.score.timing(q);
  const rows: ItemRow[] = [];
  if (metric.counts === 'dossiers') {
    const rule = DOSSIER_RULES[metric.id];
    if (!rule) return [];
    const include = svc.score.dossierIncluded(q);
    for (const r of svc.dossiers.allRecords({ start, end })) {
      if (!r.received || r.receivedAt === null || r.receivedAt < start || r.receivedAt >= end || !include(r)) continue;
      const m = rule(r, {
        at,
        procedure: svc.score.procedureAt(r.procedureCode, at),
        complained: svc.score.isComplained(r.dossierCode),
        calendar: svc.score.calendar,
      });
      if (!m.den) continue;
      rows.push({
        den: true,
        num: m.num,
        item: {
          kind: 'dossier',
          code: r.dossierCode,
          procedureCode: r.procedureCode,
          agencyCode: r.agencyCode,
          adminUnitCode: r.adminUnitCode,
          channel: r.channel,
          status: r.status,
          receivedAt: r.receivedAt,
          inNumerator: m.num,
          reason: m.reason,
        },
      });
    }
    rows.sort((a, b) => (a.item as { receivedAt: number }).receivedAt - (b.item as { receivedAt: number }).receivedAt || cmp(key(a), key(b)));
  } else if (metric.counts === 'procedures') {
    for (const { v, m } of procedureMembers(metric.id, q, svc.score, at, start, end)) {
      if (!m.den) continue;
      rows.push({
        den: true,
        num: m.num,
        item: {
          kind: 'procedure',
          code: v.code,
          name: { vi: v.name.vi, en: v.name.en ?? v.name.vi },
          onlineService: onlineLevelOf(v),
          feeBearing: v.feeBearing,
          version: v.version,
          inNumerator: m.num,
          reason: m.reason,
        },
      });
    }
    rows.sort((a, b) => cmp(key(a), key(b)));
  } else if (metric.counts === 'pakn') {
    const include = svc.score.paknIncluded(q);
    for (const r of svc.pakn.all()) {
      if (r.receivedAt === null || r.receivedAt < start || r.receivedAt >= end || !include(r)) continue;
      const f = paknFlags(r, at, svc.score.calendar)!;
      const m: Member =
        metric.id === 'PETITION_CLASSIFICATION_TTHC'
          ? f.classified
            ? yes(f.procedure, 'staff')
            : out
          : metric.id === 'PETITION_CLASSIFICATION_STAFF'
            ? f.classified
              ? yes(f.staff, 'procedure')
              : out
            : metric.id === 'PETITION_PROCESSING_ON_TIME'
              ? yes(f.onTime, 'late')
              : yes(f.satisfied, f.late ? 'late' : f.moreDislikes ? 'more_dislikes_than_likes' : 'repeat_complaint');
      if (!m.den) continue;
      rows.push({
        den: true,
        num: m.num,
        item: {
          kind: 'pakn',
          paknId: r.paknId,
          title: r.title,
          adminUnitCode: r.adminUnitCode ?? '',
          agencyCode: r.agencyCode,
          classification: r.classification,
          status: paknStatus(r),
          receivedAt: r.receivedAt,
          inNumerator: m.num,
          reason: m.reason,
        },
      });
    }
    rows.sort((a, b) => (a.item as { receivedAt: number }).receivedAt - (b.item as { receivedAt: number }).receivedAt || cmp(key(a), key(b)));
  }
  return rows;
}

const key = (r: ItemRow) => (r.item.kind === 'pakn' ? r.item.paknId : r.item.code);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The procedures behind a catalogue metric, each with its membership. */
function procedureMembers(id: string, q: ScoreQuery, score: Score766Service, at: number, start: number, end: number): { v: ProcedureVersion; m: Member }[] {
  if (id === 'PUBLISH_ON_TIME' || id === 'PUBLIC_UPDATE_ON_TIME') {
    const verdict = new Map<string, { v: ProcedureVersion; ok: boolean }>();
    for (const p of score.publicationsOf(q, start, end)) {
      const ok = id === 'PUBLISH_ON_TIME' ? publishedOnTime(p.publication, score.calendar) : madePublicOnTime(p.publication, at, score.calendar);
      if (ok === null) continue;
      const prev = verdict.get(p.code);
      verdict.set(p.code, { v: p.version, ok: (prev?.ok ?? true) && ok });
    }
    return [...verdict.values()].map(({ v, ok }) => ({ v, m: yes(ok, id === 'PUBLISH_ON_TIME' ? 'published_late' : 'made_public_late') }));
  }
  const procs = score.proceduresOf(q, at);
  const d = score.cells.sum(q.period, { ...q.unit.cells });
  const has = (code: string, k: 'online' | 'feeSynced' | 'populationData') => (d.byProcedure.get(code)?.[k] ?? 0) > 0;
  return procs.map((v) => {
    switch (id) {
      case 'PUBLIC_CONTENT_FULL':
        return { v, m: v.missingComponents === undefined ? out : yes(v.missingComponents.length === 0, `missing: ${v.missingComponents.join(', ')}`) };
      case '3.1':
        return { v, m: yes(onlineLevelOf(v) !== 'none', 'not_online') };
      case '3.2':
        return { v, m: onlineLevelOf(v) === 'none' ? out : yes(has(v.code, 'online'), 'no_online_dossier') };
      case '3.5':
        return { v, m: v.feeBearing ? yes(has(v.code, 'feeSynced'), 'no_synced_fee_data') : out };
      case 'CITIZEN_DATA_CONNECTED_FORMALITY':
        return { v, m: v.applicants?.includes('citizen') ? yes(has(v.code, 'populationData'), 'no_population_data') : out };
      default:
        return { v, m: out };
    }
  });
}
