import type { WallPinTarget } from '@cityioc/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { PANELS } from '../panels/registry.tsx';
import { SCENES } from '../scenes/scene-registry.ts';
import { pinnedAlertQuery } from './wall-pin.queries.ts';

/** What a pin shows, as the banner and the leader's bar name it: "Bảng · Mực nước…", "Đơn vị · phường Ninh Kiều". */
export function usePinLabel(target: WallPinTarget | null): string {
  const { t } = useTranslation();
  const lang = useLang();
  const { index } = useCatalogue();
  const alert = useQuery({ ...pinnedAlertQuery(useQueryClient(), target?.kind === 'alert' ? target.alertId : ''), enabled: target?.kind === 'alert' });
  if (!target) return '';
  const kind = t(`pin.kind.${target.kind}`);
  switch (target.kind) {
    case 'panel':
      return `${kind} · ${PANELS[target.panel] ? t(PANELS[target.panel]!.title) : target.panel}`;
    case 'scene': {
      const s = SCENES.find((x) => x.id === target.scene);
      return `${kind} · ${s ? t(s.title) : target.scene}`;
    }
    case 'unit': {
      const a = index?.area(target.unitCode);
      return `${kind} · ${a ? (lang === 'en' && a.nameEn ? a.nameEn : `${a.kind} ${a.name}`) : target.unitCode}`;
    }
    case 'alert':
      return `${kind} · ${alert.data ? alert.data.alert.title[lang] : target.alertId}`;
  }
}
