import { describe, expect, it } from 'vitest';
import { DOSSIER_METRICS } from '../dossiers/metrics.ts';
import { buildRanking } from '../dossiers/ranking.ts';
import { UTF8_BOM } from '../dossiers/csv.ts';
import { indicatorRow, indicatorsResponse } from '../test/dossier-fixtures.ts';
import { rankingCsv } from './ranking-csv.ts';

const names: Record<string, string> = { '916': 'Ninh Kiều', '925': 'Cờ Đỏ, "huyện"' };
const current = indicatorsResponse([
  indicatorRow('916', { onTime: { numerator: 9227, denominator: 10000 }, received: 120 }),
  indicatorRow('925', { onTime: { numerator: 0, denominator: 0 }, received: 80 }),
]);
const previous = indicatorsResponse([indicatorRow('916', { onTime: { numerator: 91, denominator: 100 }, received: 100 })], { period: '2026-10' });

describe('ranking CSV', () => {
  it('writes a ratio ranking with numerator, denominator, previous value and change in points', () => {
    const metric = DOSSIER_METRICS.onTime;
    const ranking = buildRanking({ metric, current, previous, nameOf: (k) => names[k] ?? k, lang: 'vi' });
    const csv = rankingCsv({ metric, ranking, period: '2026-11', previousPeriod: '2026-10', lang: 'vi' });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Hạng,Mã đơn vị,Đơn vị,Tỷ lệ giải quyết đúng hạn (%),Tử số,Mẫu số,Kỳ trước (%),Thay đổi (điểm %),Kỳ,Kỳ so sánh');
    expect(lines[1]).toBe('1,916,Ninh Kiều,92.27,9227,10000,91,1.27,2026-11,2026-10');
    expect(lines[2]).toBe(',925,"Cờ Đỏ, ""huyện""",,0,0,,,2026-11,2026-10');
    expect(lines[3]!.startsWith(',92,Toàn thành phố,')).toBe(true);
    expect(lines[4]).toBe('');
  });

  it('writes counts without a numerator and a denominator, in English when asked', () => {
    const metric = DOSSIER_METRICS.received;
    const ranking = buildRanking({ metric, current, previous, nameOf: (k) => names[k] ?? k, lang: 'en' });
    const lines = rankingCsv({ metric, ranking, period: '2026-11', previousPeriod: '2026-10', lang: 'en' }).slice(1).split('\r\n');
    expect(lines[0]).toBe('Rank,Unit code,Unit,Dossiers received (dossiers),Previous period (dossiers),Change (dossiers),Period,Compared with');
    expect(lines[1]).toBe('1,916,Ninh Kiều,120,100,20,2026-11,2026-10');
  });
});
