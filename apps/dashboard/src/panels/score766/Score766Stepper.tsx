import { periodKey, periodLabel, SCORE_766_SCHEMES } from '@cityioc/domain';
import type { Score766SchemeKey } from '@cityioc/contracts';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { Segmented } from '../../components/fields.tsx';
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
  const step = (to: 'previous' | 'next') => {
    const target = steps[to];
    return (
      <button
        type="button"
        className="btn"
        disabled={target === null}
        onClick={() => target !== null && onPeriod(target)}
        data-testid={to === 'previous' ? 'score766-period-prev' : 'score766-period-next'}
      >
        {to === 'previous' ? `‹ ${t('period.previous')}` : `${t('period.next')} ›`}
      </button>
    );
  };
  return (
    <div className="op-toolbar score766-stepper" data-testid="score766-stepper" data-period={period} data-scheme={scheme}>
      <Segmented
        label={t('period.label')}
        options={STEP_KINDS}
        value={steps.kind}
        disabled={(k) => steps.as[k] === null}
        onChange={(k) => steps.as[k] !== null && onPeriod(steps.as[k])}
        optionLabel={(k) => t(`period.${k}`)}
        testId="score766-kind"
      />
      <div className="stepper">
        {step('previous')}
        <span className="stepper-label" data-testid="score766-period-label">
          {periodLabel(period, lang)}
        </span>
        {step('next')}
      </div>
      {SCORE766_SCHEME_KEYS.length > 1 && (
        <Segmented
          label={t('score766.page.scheme')}
          options={SCORE766_SCHEME_KEYS}
          value={scheme}
          onChange={onScheme}
          optionLabel={(k) => SCORE_766_SCHEMES[k].name[lang]}
          testId="score766-scheme"
        />
      )}
    </div>
  );
}
