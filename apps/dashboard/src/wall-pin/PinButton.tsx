import type { WallPinTarget } from '@cityioc/contracts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/useSession.ts';
import { usePinWall } from './chosen-wall.ts';
import { usePinActions, useWallPin } from './useWallPin.ts';
import { canPin, DEFAULT_PIN_MINUTES, sameTarget, targetKey } from './wall-pin.model.ts';
import './wall-pin.css';

/**
 * "Ghim lên màn hình" beside a panel, a unit or an alert: leaders and administrators only (nothing
 * for anyone else; the server refuses them too). While this target is the one pinned, it reads
 * "Bỏ ghim" and releases it. It sends to `wall`, else to the wall chosen on the briefing page (chosen-wall.ts).
 */
export function PinButton({ target, wall, minutes = DEFAULT_PIN_MINUTES }: { target: WallPinTarget; wall?: string; minutes?: number }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const name = usePinWall(wall);
  const { pin: current, left } = useWallPin(name);
  const { pin, release } = usePinActions(name);
  if (!canPin(user)) return null;
  const pinnedHere = current !== null && sameTarget(current.target, target);
  const error = pin.error ?? release.error;
  const key = targetKey(target);
  return (
    <span className="pin-action">
      {pinnedHere ? (
        <button
          type="button"
          className="btn pin-release"
          onClick={(e) => {
            e.stopPropagation();
            release.mutate();
          }}
          disabled={release.isPending}
          data-testid={`pin-release-${key}`}
        >
          {`${t('pin.release')} · ${left}`}
        </button>
      ) : (
        <button
          type="button"
          className="btn pin-open"
          onClick={(e) => {
            e.stopPropagation();
            pin.mutate({ target, minutes });
          }}
          disabled={pin.isPending}
          data-testid={`pin-${key}`}
        >
          {t('pin.button')}
        </button>
      )}
      {error && (
        <span className="pin-error" role="alert">
          {t(pin.error ? 'pin.failed' : 'pin.releaseFailed', { message: error.message })}
        </span>
      )}
    </span>
  );
}
