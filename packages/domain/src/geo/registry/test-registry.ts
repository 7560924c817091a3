import type { AreaRegistryFile, RegistryUnit } from '@cityioc/contracts';

/**
 * A small registry for tests, shaped like Bình Thủy and Ninh Kiều around 1 July 2025 with
 * ILLUSTRATIVE figures for the old wards (no source publishes them; chosen so that they add up to
 * the published totals of the new units: Cái Khế 10.04 km², 57,688 people; Bình Thủy 15.17 km²,
 * 62,483 people; the part of Bùi Hữu Nghĩa that went to Cái Khế, 1.83 km² and 330 people, as in
 * TB 864/TB-SNV).
 */
export function testRegistryFile(overrides: { units?: RegistryUnit[] } = {}): AreaRegistryFile {
  type Era = Pick<RegistryUnit, 'parent' | 'validFrom' | 'validTo' | 'predecessors'>;
  const ward = (code: string, name: string, areaKm2: number, population: number, era: Era): RegistryUnit => ({
    code,
    name,
    type: 'phường',
    level: 'commune',
    ...era,
    areaKm2,
    population,
  });
  /** Under its district until the reform of 1 July 2025. */
  const before = (district: string): Era => ({ parent: district, validFrom: '2021-01-01', validTo: '2025-07-01' });
  /** Under the city since, made of its predecessors: whole wards and a part of one. */
  const since = (predecessors: RegistryUnit['predecessors']): Era => ({ parent: '92', validFrom: '2025-07-01', validTo: null, predecessors });
  const whole = (code: string) => ({ code, whole: true });
  const part = (code: string) => ({ code, whole: false });
  const units: RegistryUnit[] = overrides.units ?? [
    { code: '92', name: 'Cần Thơ', type: 'thành phố', level: 'province', parent: null, validFrom: '2004-01-01', validTo: '2025-07-01' },
    {
      code: '92',
      name: 'Cần Thơ',
      type: 'thành phố',
      level: 'province',
      parent: null,
      validFrom: '2025-07-01',
      validTo: null,
      predecessors: [{ code: '92', whole: true }],
    },
    { code: '916', name: 'Ninh Kiều', type: 'quận', level: 'district', parent: '92', validFrom: '2021-01-01', validTo: '2025-07-01' },
    { code: '918', name: 'Bình Thủy', type: 'quận', level: 'district', parent: '92', validFrom: '2021-01-01', validTo: '2025-07-01' },
    ward('31117', 'Cái Khế', 5.21, 27358, before('916')),
    ward('31120', 'An Hòa', 3.0, 30000, before('916')),
    ward('31168', 'Bình Thủy', 7.0, 17483, before('918')),
    ward('31177', 'An Thới', 4.0, 25000, before('918')),
    ward('31178', 'Bùi Hữu Nghĩa', 6.0, 20330, before('918')),
    ward('31120', 'Cái Khế', 10.04, 57688, since([whole('31120'), whole('31117'), part('31178')])),
    ward('31168', 'Bình Thủy', 15.17, 62483, since([whole('31177'), whole('31168'), part('31178')])),
  ];
  return {
    format: 'cityioc-area-registry/1',
    id: 'test',
    name: 'test registry',
    root: '92',
    historyFrom: '2021-01-01',
    units,
    sources: [{ id: 's', title: 'test', used: 'illustrative figures' }],
  };
}
