import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENE_TEXT, type SceneId } from './scene-registry.ts';
import type { ScenePlan, SceneState } from './scene-rotation.ts';

/**
 * The scenes in the header, the current one lit with the time left before the next switch as a
 * thin bar. Nobody needs to touch it; a click pins a scene (?scene=) and a second click resumes.
 */
export function SceneIndicator({ plan, state, onPin }: { plan: ScenePlan; state: SceneState; onPin: (scene: SceneId | null) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="scene-ind" aria-label={t('scene.label')} data-testid="scene-indicator" data-scene={state.scene} data-rotating={state.rotating}>
      {plan.scenes.map((id, i) => {
        const active = id === state.scene;
        const pinned = plan.pinned === id;
        return (
          <button
            key={id}
            type="button"
            className={['scene-pill', active ? 'active' : '', pinned ? 'pinned' : ''].filter(Boolean).join(' ')}
            aria-current={active ? 'true' : undefined}
            title={pinned ? t('scene.unpin') : t('scene.pin')}
            onClick={() => onPin(pinned ? null : id)}
            data-testid={`scene-pill-${id}`}
          >
            <span className="scene-no">{i + 1}</span>
            <span className="scene-name">{t(SCENE_TEXT[id].title)}</span>
            {pinned && (
              <svg className="scene-pin" viewBox="0 0 16 16" aria-label={t('scene.pinned')}>
                <path d="M5 1h6l-1 5 3 3H9l-1 6-1-6H3l3-3z" fill="currentColor" />
              </svg>
            )}
            {active && state.rotating && state.progress !== null && (
              <span className="scene-progress" aria-hidden="true" style={{ '--p': state.progress } as CSSProperties} />
            )}
          </button>
        );
      })}
    </nav>
  );
}
