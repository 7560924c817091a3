import { periodKey, periodLabel, SCORE_766_SCHEMES } from '@cityioc/domain';
import type { Score766SchemeKey } from '@cityioc/contracts';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { periodSteps, SCORE766_SCHEME_KEYS, STEP_KINDS } from './score766-state.ts';

/**
 * The drill-down's period and scheme: month / quarter / year, the previous and next period of that
 * kind (never past the current one), and the scoring scheme the API offers (the portal's current
 * six groups, the 2022 text's five). Every change goes to the URL through `onPeriod` / `onScheme`.
 */
export function Score766Stepper({
  period,
  scheme,
  now,
  onPeriod,
  onScheme,
}: {
  period: string;
  scheme: Score766SchemeKey;
  now: number;
  onPeriod: (period: string) => void;
  onScheme: (scheme: Score766SchemeKey) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const steps = periodSteps(period, { month: periodKey('month', now), quarter: periodKey('quarter', now), year: periodKey('year', now) });
  return (
    <div className="op-toolbar score766-stepper" data-testid="score766-stepper" data-period={period} data-scheme={scheme}>
      <div className="seg" role="group" aria-label={t('period.label')}>
        {STEP_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={k === steps.kind ? 'seg-btn active' : 'seg-btn'}
            aria-pressed={k === steps.kind}
            disabled={steps.as[k] === null}
            onClick={() => steps.as[k] !== null && onPeriod(steps.as[k])}
            data-testid={`score766-kind-${k}`}
          >
            {t(`period.${k}`)}
          </button>
        ))}
      </div>
      <div className="stepper">
        <button
          type="button"
          className="btn"
          disabled={steps.previous === null}
          onClick={() => steps.previous !== null && onPeriod(steps.previous)}
          data-testid="score766-period-prev"
        >
          ‹ {t('period.previous')}
        </button>
        <span className="stepper-label" data-testid="score766-period-label">
          {periodLabel(period, lang)}
        </span>
        <button
          type="button"
          className="btn"
          disabled={steps.next === null}
          onClick={() => steps.next !== null && onPeriod(steps.next)}
          data-testid="score766-period-next"
        >
          {t('period.next')} ›
        </button>
      </div>
      {SCORE766_SCHEME_KEYS.length > 1 && (
        <div className="seg" role="group" aria-label={t('score766.page.scheme')}>
          {SCORE766_SCHEME_KEYS.map((k) => (
            <button
              key={k}
              type="button"
              className={k === scheme ? 'seg-btn active' : 'seg-btn'}
              aria-pressed={k === scheme}
              onClick={() => onScheme(k)}
              data-testid={`score766-scheme-${k}`}
            >
              {SCORE_766_SCHEMES[k].name[lang]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
