import type { AreaAt, Catalogue, Cell, Delta, Snapshot } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE } from '@cityioc/domain';
import { cell as galleryCell } from '../gallery/fixtures/live.ts';

/** 2026-11-22 07:30:00 in Cần Thơ. */
export const NOW = Date.UTC(2026, 10, 22, 0, 30, 0);

/** The demo catalogue as the dashboard sees it after a JSON round trip. */
export function catalogueFixture(): Catalogue {
  return JSON.parse(JSON.stringify(CAN_THO_CATALOGUE)) as Catalogue;
}

/** The gallery's cell of one reading, a minute before NOW, with the tests' event ids. */
export function cell(area: string, station: string | null, indicator: string, value: number | null, extra: Partial<Cell> = {}): Cell {
  return galleryCell(area, station, indicator, value, { observedAt: NOW - 60_000, eventId: `ev-${area}-${station ?? ''}-${indicator}`, ...extra });
}

export function ratioCell(area: string, indicator: string, numerator: number, denominator: number, extra: Partial<Cell> = {}): Cell {
  return cell(area, null, indicator, denominator > 0 ? numerator / denominator : null, { numerator, denominator, ...extra });
}

export function snapshot(cells: Cell[], extra: Partial<Snapshot> = {}): Snapshot {
  return { scope: '92', version: 10, epoch: 'e1', serverTime: NOW, tickMs: 250, cells, ...extra };
}

export function delta(fromVersion: number, toVersion: number, changes: Cell[], extra: Partial<Delta> = {}): Delta {
  return { scope: '92', fromVersion, toVersion, epoch: 'e1', serverTime: NOW + 1000, changes, ...extra };
}

/** A unit of the area registry as GET /api/v1/geo/units answers it: a commune-level child of `parent`, or the province. */
export function areaAt(code: string, name: string, type: string, parent: string | null, validFrom = '2025-07-01', extra: Partial<AreaAt> = {}): AreaAt {
  return { code, name, nameEn: null, type, level: parent === null ? 'province' : 'commune', parent, validFrom, validTo: null, ...extra };
}
