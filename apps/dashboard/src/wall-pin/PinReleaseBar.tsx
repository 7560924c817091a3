import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/useSession.ts';
import { usePinLabel } from './usePinLabel.ts';
import { usePinWall } from './chosen-wall.ts';
import { usePinActions, useWallPin } from './useWallPin.ts';
import { canPin } from './wall-pin.model.ts';
import './wall-pin.css';

/** On a leader's pages (not the wall, whose banner has it): what the wall shows now, and "Bỏ ghim". Nothing while no pin is in force. */
export function PinReleaseBar({ wall }: { wall?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const name = usePinWall(wall);
  const { pin, left } = useWallPin(name);
  const { release } = usePinActions(name);
  const label = usePinLabel(pin?.target ?? null);
  if (!pin || !canPin(user)) return null;
  return (
    <div className="pin-bar" role="status" data-testid="pin-bar" data-pin-id={pin.id}>
      <span>{t('pin.bar', { what: label, left })}</span>
      <button type="button" className="btn pin-release" onClick={() => release.mutate()} disabled={release.isPending} data-testid="pin-bar-release">
        {t('pin.release')}
      </button>
    </div>
  );
}
