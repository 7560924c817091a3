import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOSSIER_UNITS } from './dossier-data.ts';
import { DEMO_REGISTRY } from './geography.ts';
import { eDocumentCsv, eDocumentRows, REPORTING_DEMO_DIR, TODAY_DEPARTMENTS, UNIT_REPORT_PERIOD } from './reporting-demo.ts';

const read = (f: string) => readFileSync(join(REPORTING_DEMO_DIR, f), 'utf8');
const COMMUNES = 'bao-cao-cchc-cds-2026-q3-xa-phuong.csv';
const DEPARTMENTS = 'bao-cao-cchc-cds-2026-q3-so-nganh.csv';

describe('the demo’s unit report files', () => {
  it('are what the script generates (regenerate with scripts/generate-reporting-demo.ts)', () => {
    const communes = eDocumentRows(
      DOSSIER_UNITS.map((u) => ({ unit: u.code, label: `${u.type.charAt(0).toUpperCase()}${u.type.slice(1)} ${u.name}` })),
      [280, 1400],
      'edoc-commune',
    );
    expect(read(COMMUNES)).toBe(eDocumentCsv(communes, 'Mã đơn vị'));
    const departments = eDocumentRows(
      TODAY_DEPARTMENTS.map((name) => ({ unit: name, label: name })),
      [1800, 5200],
      'edoc-dept',
    );
    expect(read(DEPARTMENTS)).toBe(eDocumentCsv(departments, 'Đơn vị'));
  });

  it('report every ward and commune in force in their quarter, by code, and today’s departments by name', () => {
    const rows = read(COMMUNES)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';'));
    const codes = rows.map((r) => r[0]!);
    const inForce = DEMO_REGISTRY.unitsValidAt('2026-09-30', { level: 'commune' }).map((u) => u.code);
    expect([...codes].sort()).toEqual([...inForce].sort());
    expect(rows.every((r) => r[1] === UNIT_REPORT_PERIOD && r[5] === 'minh họa')).toBe(true);
    const departments = read(DEPARTMENTS)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(departments).toEqual([...TODAY_DEPARTMENTS]);
    // none of the departments merged on 1 March 2025
    for (const gone of ['Sở Kế hoạch và Đầu tư', 'Sở Giao thông vận tải', 'Sở Tài nguyên và Môi trường', 'Sở Thông tin và Truyền thông'])
      expect(departments).not.toContain(gone);
  });

  it('keep believable parts: the e-document share near the city’s published 96 %, numerator never above the denominator', () => {
    const parts = [COMMUNES, DEPARTMENTS].flatMap((f) =>
      read(f)
        .trim()
        .split('\n')
        .slice(1)
        .map((l) =>
          l
            .split(';')
            .slice(3, 5)
            .map((n) => Number(n.replaceAll('.', ''))),
        ),
    );
    expect(parts.every(([n, d]) => n! <= d! && d! > 0)).toBe(true);
    const share = parts.reduce((s, [n]) => s + n!, 0) / parts.reduce((s, [, d]) => s + d!, 0);
    expect(share).toBeGreaterThan(0.93);
    expect(share).toBeLessThan(0.99);
  });
});
