import { DOSSIER_CHANNEL_LABELS, DOSSIER_STATUS_LABELS, type Score766Item, type Score766ItemsResponse } from '@cityioc/contracts';
import { DEFAULT_TIME_ZONE, formatDateTime, type Lang } from '../../format/format.ts';

/**
 * The items behind a 766 metric's numerator or denominator (GET /api/v1/score766/:metric/items) as
 * table rows: dossiers, procedures or PAKN, each with whether it counts and why not. Feed strings
 * stay text (React escapes them). Pure: the translations and names are passed in.
 */
export type ItemColumn = 'code' | 'name' | 'procedure' | 'agency' | 'unit' | 'channel' | 'status' | 'received' | 'online' | 'fee' | 'counted' | 'reason';

export const ITEM_COLUMNS: Readonly<Record<Score766ItemsResponse['kind'], readonly ItemColumn[]>> = {
  dossiers: ['code', 'procedure', 'agency', 'unit', 'channel', 'status', 'received', 'counted', 'reason'],
  procedures: ['code', 'name', 'online', 'fee', 'counted', 'reason'],
  pakn: ['code', 'name', 'agency', 'unit', 'status', 'received', 'counted', 'reason'],
};

export interface ItemRow {
  key: string;
  inNumerator: boolean;
  cells: Readonly<Partial<Record<ItemColumn, string>>>;
}

export interface ItemLabels {
  /** An i18n key under score766 ('items.yes', 'reason.late', 'onlineLevel.full'); a missing reason shows its code. */
  t: (key: string, fallback: string) => string;
  agency: (code: string) => string;
  unit: (code: string) => string;
  procedure: (code: string) => string;
}

/** Whether the item counts in the numerator, and why not. */
function place(item: Score766Item, l: ItemLabels) {
  return {
    counted: l.t(item.inNumerator ? 'items.yes' : 'items.no', item.inNumerator ? 'yes' : 'no'),
    reason: item.reason === null ? '' : l.t(`reason.${item.reason}`, item.reason),
  };
}

/** The cells of its kind: what names a dossier, a procedure or a PAKN. */
function kindCells(item: Score766Item, lang: Lang, l: ItemLabels, timeZone: string): ItemRow['cells'] {
  switch (item.kind) {
    case 'dossier':
      return {
        code: item.code,
        procedure: l.procedure(item.procedureCode),
        agency: l.agency(item.agencyCode),
        unit: l.unit(item.adminUnitCode),
        channel: DOSSIER_CHANNEL_LABELS[item.channel]?.[lang] ?? String(item.channel),
        status: DOSSIER_STATUS_LABELS[item.status]?.[lang] ?? String(item.status),
        received: formatDateTime(item.receivedAt, timeZone),
      };
    case 'procedure':
      return {
        code: item.code,
        name: item.name[lang],
        online: l.t(`onlineLevel.${item.onlineService}`, item.onlineService),
        fee: l.t(item.feeBearing ? 'items.yes' : 'items.no', String(item.feeBearing)),
      };
    case 'pakn':
      return {
        code: item.paknId,
        name: item.title ?? '',
        agency: item.agencyCode === null ? '' : l.agency(item.agencyCode),
        unit: l.unit(item.adminUnitCode),
        status: l.t(`paknStatus.${item.status}`, item.status),
        received: formatDateTime(item.receivedAt, timeZone),
      };
  }
}

export function itemRow(item: Score766Item, lang: Lang, l: ItemLabels, timeZone = DEFAULT_TIME_ZONE): ItemRow {
  return {
    key: item.kind === 'pakn' ? item.paknId : item.code,
    inNumerator: item.inNumerator,
    cells: { ...kindCells(item, lang, l, timeZone), ...place(item, l) },
  };
}
