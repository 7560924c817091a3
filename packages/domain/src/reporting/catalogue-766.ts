import type { Label } from '@cityioc/contracts';
import type { ReportingIndicator, ReportingRegimeSpec } from './catalogue.ts';
import { SOURCE_AGENCIES } from './source-agencies.ts';

/**
 * The city's procedure and online-service figures a department reports (seed 004: the Director of
 * the Department of Home Affairs of Cần Thơ, data to Q1/2022): what the procedure catalogue and the
 * 766 scorecard now compute live, kept as the reported series they were published as. Seed 002
 * (Cà Mau: 1,200+ level-3/4 services) is not Cần Thơ's and is not among them.
 */
const { home_affairs: HOME_AFFAIRS, ict: ICT } = SOURCE_AGENCIES;
const BASIS = 'Báo cáo CCHC và chuyển đổi số định kỳ theo Nghị định 09/2019/NĐ-CP';

const count = (id: string, vi: string, en: string, unit: string, source: Label = HOME_AFFAIRS): ReportingIndicator => ({
  id,
  name: { vi, en },
  unit,
  direction: 'up',
  aggregation: 'sum',
  decimals: 0,
  min: 0,
  targets: [],
  sourceAgency: source,
  legalBasis: BASIS,
});
const rate = (id: string, vi: string, en: string): ReportingIndicator => ({
  id,
  name: { vi, en },
  unit: '%',
  direction: 'up',
  aggregation: 'ratio',
  decimals: 1,
  targets: [],
  sourceAgency: HOME_AFFAIRS,
  legalBasis: BASIS,
});

export const REPORTING_766_INDICATORS: ReportingIndicator[] = [
  count('dvc_level3_count', 'Số DVC mức độ 3 trên Cổng DVC quốc gia', 'Level-3 online services on the national portal', 'dịch vụ'),
  count('dvc_level4_count', 'Số DVC mức độ 4 trên Cổng DVC quốc gia', 'Level-4 online services on the national portal', 'dịch vụ'),
  count('dvc_on_dvcqg_count', 'Số DVC mức độ 3, 4 tích hợp lên Cổng DVC quốc gia', 'Level-3 and 4 online services on the national portal', 'dịch vụ'),
  rate(
    'fee_procedures_online_payment_rate',
    'Tỷ lệ TTHC có thu phí, lệ phí được tích hợp thanh toán trên Cổng DVC quốc gia',
    'Fee-bearing procedures integrated for online payment',
  ),
  rate('dossier_sync_rate', 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVC quốc gia', 'Dossiers synced to the national portal'),
  count(
    'online_payment_transactions',
    'Số giao dịch thanh toán trực tuyến thành công trên Cổng DVC quốc gia',
    'Successful online payments on the national portal',
    'giao dịch',
  ),
  count('online_payment_land_tax_count', 'Số giao dịch thanh toán thuế đất', 'Land-tax payments online', 'giao dịch'),
  count('online_payment_fee_count', 'Số giao dịch thanh toán phí, lệ phí', 'Fee payments online', 'giao dịch'),
  count('digital_signature_count', 'Tổng số chữ ký số', 'Digital signature certificates', 'chứng thư', ICT),
  count('digital_signature_org_count', 'Số chữ ký số tổ chức', 'Organisation signature certificates', 'chứng thư', ICT),
  count('digital_signature_personal_count', 'Số chữ ký số cá nhân', 'Personal signature certificates', 'chứng thư', ICT),
];

/** Each published total and the parts the source gives for it: the IOC's sum of the parts must equal the total. */
export const REPORTED_SUMS: readonly { total: string; parts: readonly string[] }[] = [
  { total: 'dvc_on_dvcqg_count', parts: ['dvc_level3_count', 'dvc_level4_count'] },
  { total: 'online_payment_transactions', parts: ['online_payment_land_tax_count', 'online_payment_fee_count'] },
  { total: 'digital_signature_count', parts: ['digital_signature_org_count', 'digital_signature_personal_count'] },
];

export const TTHC_766_REGIME: ReportingRegimeSpec = {
  id: 'tthc-dvctt',
  name: { vi: 'Số liệu TTHC, dịch vụ công trực tuyến và thanh toán trực tuyến', en: 'Procedures, online services and online payment figures' },
  groups: ['city'],
  indicators: REPORTING_766_INDICATORS.map((i) => i.id),
  periodKinds: ['quarter', 'year'],
  deadline: { kind: 'working-days-after-cutoff', days: 2 },
  receiver: { vi: 'UBND thành phố', en: 'City People’s Committee' },
  legalBasis: 'Nghị định 09/2019/NĐ-CP; Quyết định 766/QĐ-TTg (2022)',
};
