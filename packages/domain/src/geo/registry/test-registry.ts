import type { AreaRegistryFile, RegistryUnit } from '@cityioc/contracts';

/**
 * A small registry for tests, shaped like Bình Thủy and Ninh Kiều around 1 July 2025 with
 * ILLUSTRATIVE figures for the old wards (no source publishes them; chosen so that they add up to
 * the published totals of the new units: Cái Khế 10.04 km², 57,688 people; Bình Thủy 15.17 km²,
 * 62,483 people; the part of Bùi Hữu Nghĩa that went to Cái Khế, 1.83 km² and 330 people, as in
 * TB 864/TB-SNV).
 */
export function testRegistryFile(overrides: { units?: RegistryUnit[] } = {}): AreaRegistryFile {
  const old = (code: string, name: string, parent: string, areaKm2: number, population: number): RegistryUnit => ({
    code,
    name,
    type: 'phường',
    level: 'commune',
    parent,
    validFrom: '2021-01-01',
    validTo: '2025-07-01',
    areaKm2,
    population,
  });
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
    old('31117', 'Cái Khế', '916', 5.21, 27358),
    old('31120', 'An Hòa', '916', 3.0, 30000),
    old('31168', 'Bình Thủy', '918', 7.0, 17483),
    old('31177', 'An Thới', '918', 4.0, 25000),
    old('31178', 'Bùi Hữu Nghĩa', '918', 6.0, 20330),
    {
      code: '31120',
      name: 'Cái Khế',
      type: 'phường',
      level: 'commune',
      parent: '92',
      validFrom: '2025-07-01',
      validTo: null,
      areaKm2: 10.04,
      population: 57688,
      predecessors: [
        { code: '31120', whole: true },
        { code: '31117', whole: true },
        { code: '31178', whole: false },
      ],
    },
    {
      code: '31168',
      name: 'Bình Thủy',
      type: 'phường',
      level: 'commune',
      parent: '92',
      validFrom: '2025-07-01',
      validTo: null,
      areaKm2: 15.17,
      population: 62483,
      predecessors: [
        { code: '31177', whole: true },
        { code: '31168', whole: true },
        { code: '31178', whole: false },
      ],
    },
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
