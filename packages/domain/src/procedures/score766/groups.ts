import type { Label } from '@cityioc/contracts';

/**
 * Decision 766/QĐ-TTg (23/6/2022) service-quality groups and their maxima, as data. Two schemes:
 * the 2022 text (5 groups) and the national portal's current scoring (6 groups: the old online
 * group split into online service 12 and online payment 10). Per-metric maxima are given where the
 * portal publishes them; where it does not (progress, online service, online payment) they are
 * null rather than guessed — except 2.1, whose linear R × 20 matches the observed scores.
 */
export type Score766SchemeId = 'dvcqg-current' | 'qd766-2022';
export type Score766GroupId = 'transparency' | 'progress' | 'online' | 'online-service' | 'online-payment' | 'digitisation' | 'satisfaction';

export interface Score766Metric {
  /** The portal's metric code where it has one, else the 766 indicator number. */
  id: string;
  /** The indicator number of the 766 text (BRIEF §1.3). Links from portal codes to numbers marked 'inferred' in `note` are ours. */
  indicator: string | null;
  name: Label;
  /** null: the portal does not publish this metric's share of the group. */
  maxScore: number | null;
  note?: string;
  /** What its numerator and denominator count: the drill-down lists these items. */
  counts?: Score766ItemKind;
}

/** The items behind a metric's numerator and denominator. */
export type Score766ItemKind = 'dossiers' | 'procedures' | 'pakn';

export interface Score766Group {
  id: Score766GroupId;
  /** The portal's group id (`/api/v1/reporting/evaluation/<id>`); null for the 2022 text. */
  apiId: string | null;
  name: Label;
  maxScore: number;
  metrics: readonly Score766Metric[];
}

export interface Score766Scheme {
  id: Score766SchemeId;
  name: Label;
  groups: readonly Score766Group[];
}

/**
 * Ratio (0–1) at or above which an indicator earns its full points; below it points are
 * R × Pmax / T. Indicators not listed score linearly (R × Pmax).
 */
export const SCORE_766_THRESHOLDS: Readonly<Record<string, number>> = {
  '3.1': 0.8,
  '3.3': 0.5,
  '3.5': 0.8,
  '4.2': 0.8,
  '4.3': 0.8,
  '5.4': 0.9,
};

/** What each metric counts (by metric id), for the drill-down. */
const COUNTS: Readonly<Record<string, Score766ItemKind>> = {
  PUBLISH_ON_TIME: 'procedures',
  PUBLIC_UPDATE_ON_TIME: 'procedures',
  PUBLIC_CONTENT_FULL: 'procedures',
  DOSSIER_SYNC: 'dossiers',
  '2.1': 'dossiers',
  '2.2': 'dossiers',
  '3.1': 'procedures',
  '3.2': 'procedures',
  '3.3': 'dossiers',
  '3.5': 'procedures',
  '3.6': 'dossiers',
  ORIGINAL_RESULT_AVAILABLE: 'dossiers',
  SO_HOA_GIAY_TO_GIAI_QUYET: 'dossiers',
  REUSED_DIGITIZED_DATA: 'dossiers',
  SYNCED_WITH_DVCQG_PERSONAL_STORAGE: 'dossiers',
  CITIZEN_DATA_CONNECTED_DOSSIER: 'dossiers',
  CITIZEN_DATA_CONNECTED_FORMALITY: 'procedures',
  ELECTRONIC_CERTIFIED_COPY: 'dossiers',
  PETITION_CLASSIFICATION_TTHC: 'pakn',
  PETITION_CLASSIFICATION_STAFF: 'pakn',
  PETITION_PROCESSING_ON_TIME: 'pakn',
  PETITION_HANDLING_SATISFACTION: 'pakn',
  DOSSIER_RECEIVING_SATISFACTION: 'dossiers',
};

const m = (id: string, indicator: string | null, vi: string, en: string, maxScore: number | null, note?: string): Score766Metric => ({
  id,
  indicator,
  name: { vi, en },
  maxScore,
  ...(note ? { note } : {}),
  ...(COUNTS[id] ? { counts: COUNTS[id] } : {}),
});

const TRANSPARENCY_METRICS = [
  m('PUBLISH_ON_TIME', '1.1', 'Công bố TTHC đúng hạn', 'Procedures published on time', 6),
  m('PUBLIC_UPDATE_ON_TIME', '1.2', 'Công khai TTHC đúng hạn', 'Procedures made public on time', 4),
  m('PUBLIC_CONTENT_FULL', '1.3', 'Công khai đầy đủ nội dung TTHC', 'Procedures with all mandatory content', 2),
  m('DOSSIER_SYNC', '1.4', 'Đồng bộ hồ sơ lên DVCQG', 'Dossiers synced to the national portal', 6),
];
const SATISFACTION_METRICS = [
  m('DOSSIER_RECEIVING_SATISFACTION', '5.4', 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC', 'Satisfaction in receiving and handling procedures', 6),
  m('PETITION_PROCESSING_ON_TIME', '5.2', 'Xử lý phản ánh, kiến nghị đúng hạn', 'Feedback processed on time', 6),
  m('PETITION_HANDLING_SATISFACTION', '5.3', 'Mức độ hài lòng xử lý phản ánh, kiến nghị', 'Satisfaction with feedback handling', 6),
  m('PETITION_CLASSIFICATION_TTHC', '5.1', 'Phản ánh, kiến nghị về quy định TTHC', 'Feedback on procedures (tracked only)', 0),
  m('PETITION_CLASSIFICATION_STAFF', '5.1', 'Phản ánh, kiến nghị về hành vi cán bộ', 'Feedback on staff behaviour (tracked only)', 0),
];
const PROGRESS_METRICS = [
  m('2.1', '2.1', 'Hồ sơ giải quyết trước và đúng hạn', 'Dossiers handled ahead of or on time', 20, 'linear R × 20: matches observed scores (M)'),
  m('2.2', '2.2', 'Thời gian giải quyết trung bình', 'Average processing time (shown, not scored)', 0),
];
const ONLINE_SERVICE_METRICS = [
  m('3.1', '3.1', 'TTHC cung cấp dịch vụ công trực tuyến', 'Procedures offered online', null),
  m('3.2', '3.2', 'DVCTT phát sinh hồ sơ', 'Online services that received dossiers', null),
  m('3.3', '3.3', 'Tỷ lệ hồ sơ nộp trực tuyến', 'Online submission rate', null),
];
const DIGITISATION_METRICS = [
  m('ORIGINAL_RESULT_AVAILABLE', '4.1', 'Cấp kết quả điện tử', 'Electronic results issued', 6, 'link to 4.1 inferred'),
  m('SO_HOA_GIAY_TO_GIAI_QUYET', '4.2', 'Số hóa hồ sơ, kết quả giải quyết', 'Dossiers and results digitised', 4, 'link to 4.2 inferred'),
  m('REUSED_DIGITIZED_DATA', '4.3', 'Tái sử dụng dữ liệu số hóa', 'Re-use of digitised data', 2, 'link to 4.3 inferred'),
  m('SYNCED_WITH_DVCQG_PERSONAL_STORAGE', '4.4', 'Đồng bộ kho dữ liệu cá nhân trên DVCQG', "Linked to the citizen's DVCQG storage", 4, 'link to 4.4 inferred'),
  // Decision 766's indicator 4.5 has two parts, (a) procedures and (b) dossiers using the population database (BRIEF §1.3):
  // numbered apart, so the list never shows "4.5" twice
  m('CITIZEN_DATA_CONNECTED_FORMALITY', '4.5a', 'TTHC khai thác dữ liệu dân cư', 'Procedures using population data', 2, 'link to 4.5(a) inferred'),
  m('CITIZEN_DATA_CONNECTED_DOSSIER', '4.5b', 'Hồ sơ khai thác dữ liệu dân cư', 'Dossiers using population data', 2, 'link to 4.5(b) inferred'),
  m(
    'ELECTRONIC_CERTIFIED_COPY',
    null,
    'Chứng thực bản sao điện tử từ bản chính',
    'Electronic certified copies',
    2,
    'formula not published (L): ours = certification dossiers with an electronic certified copy / certification dossiers',
  ),
];
const ONLINE_PAYMENT_METRICS = [
  m('3.5', '3.5', 'TTHC có nghĩa vụ tài chính tích hợp thanh toán trực tuyến', 'Fee-bearing procedures integrated for online payment', null),
  m('3.6', '3.6', 'Hồ sơ thanh toán trực tuyến', 'Dossiers paid online', null),
];

/** The national portal's current 6-group scoring (captured API; maxima H). */
export const SCORE_766_CURRENT: Score766Scheme = {
  id: 'dvcqg-current',
  name: { vi: 'Bộ chỉ số 766 (DVCQG hiện hành, 6 nhóm)', en: 'Decision 766 index (national portal, 6 groups)' },
  groups: [
    { id: 'transparency', apiId: 'transparency', name: { vi: 'Công khai, minh bạch', en: 'Transparency' }, maxScore: 18, metrics: TRANSPARENCY_METRICS },
    { id: 'progress', apiId: 'dvc-progress-tree', name: { vi: 'Tiến độ giải quyết', en: 'Timeliness' }, maxScore: 20, metrics: PROGRESS_METRICS },
    {
      id: 'online-service',
      apiId: 'provide-online-tree',
      name: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
      maxScore: 12,
      metrics: ONLINE_SERVICE_METRICS,
    },
    {
      id: 'online-payment',
      apiId: 'formality-online-payment-tree',
      name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
      maxScore: 10,
      metrics: ONLINE_PAYMENT_METRICS,
    },
    {
      id: 'digitisation',
      apiId: 'dossier-digitized',
      name: { vi: 'Số hóa hồ sơ', en: 'Digitisation' },
      maxScore: 22,
      metrics: DIGITISATION_METRICS,
    },
    { id: 'satisfaction', apiId: 'handling-satisfaction', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, maxScore: 18, metrics: SATISFACTION_METRICS },
  ],
};

/** The 5 groups of the 2022 text (H for the maxima; per-indicator points were not published with it). */
export const SCORE_766_2022: Score766Scheme = {
  id: 'qd766-2022',
  name: { vi: 'Bộ chỉ số 766 (QĐ 766/QĐ-TTg 2022, 5 nhóm)', en: 'Decision 766 index (2022 text, 5 groups)' },
  groups: [
    {
      id: 'transparency',
      apiId: null,
      name: { vi: 'Công khai, minh bạch', en: 'Transparency' },
      maxScore: 18,
      metrics: TRANSPARENCY_METRICS.map((x) => ({ ...x, maxScore: null })),
    },
    { id: 'progress', apiId: null, name: { vi: 'Tiến độ, kết quả giải quyết', en: 'Timeliness and results' }, maxScore: 20, metrics: PROGRESS_METRICS },
    {
      id: 'digitisation',
      apiId: null,
      name: { vi: 'Số hóa hồ sơ', en: 'Digitisation' },
      maxScore: 22,
      // the same indicators, without the certified copies added after 2022; per-indicator points were not published
      metrics: DIGITISATION_METRICS.filter((x) => x.indicator !== null).map((x) => ({ ...x, maxScore: null })),
    },
    {
      id: 'online',
      apiId: null,
      name: { vi: 'Cung cấp dịch vụ trực tuyến', en: 'Online service, incl. online payment' },
      maxScore: 22,
      metrics: [...ONLINE_SERVICE_METRICS, ...ONLINE_PAYMENT_METRICS],
    },
    {
      id: 'satisfaction',
      apiId: null,
      name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
      maxScore: 18,
      metrics: SATISFACTION_METRICS.map((x) => ({ ...x, maxScore: x.maxScore === 0 ? 0 : null })),
    },
  ],
};

export const SCORE_766_SCHEMES: Readonly<Record<Score766SchemeId, Score766Scheme>> = {
  'dvcqg-current': SCORE_766_CURRENT,
  'qd766-2022': SCORE_766_2022,
};
