import type { Freshness as FreshnessKind } from '@cityioc/domain';
import { useTranslation } from 'react-i18next';

/** 'Cập nhật 07:30:15', plus a 'Dữ liệu cũ' badge when the value is stale or the link is down. */
export function Freshness({ updated, stale, freshness }: { updated: string | null; stale: boolean; freshness: FreshnessKind }) {
  const { t } = useTranslation();
  if (freshness === 'none' || updated === null) {
    return <span className="fresh fresh-none">{t('fresh.none')}</span>;
  }
  return (
    <span className={stale ? 'fresh fresh-stale' : 'fresh'}>
      {stale && <span className="stale-badge">{t('fresh.stale')}</span>}
      <span className="fresh-time">{t('fresh.updated', { time: updated })}</span>
    </span>
  );
}
