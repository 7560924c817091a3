import { useTranslation } from 'react-i18next';
import type { ErrorText } from '../../auth/error-text.ts';
import { FEED_ENDPOINTS, type FeedEndpoint } from '@cityioc/contracts';
import { CodePicker } from '../scope/CodePicker.tsx';
import { toggleCode, type CodeOption } from '../scope/scope-options.ts';
import { useScopeOptions } from '../scope/useScopeOptions.ts';
import type { FieldErrors } from '../users/users.model.ts';
import type { GrantField, GrantForm, ListChoice } from './feeds.model.ts';

/** The lists a grant may narrow, each to some codes or any. */
const LIMITS = ['stations', 'units', 'agencies'] as const satisfies readonly GrantField[];

/** What a feed source's keys may write: endpoints, and only some stations, units or agencies within them. */
export function GrantEditor({
  value,
  onChange,
  errors,
  testId,
}: {
  value: GrantForm;
  onChange: (g: GrantForm) => void;
  errors: FieldErrors<GrantField>;
  testId: string;
}) {
  const { t } = useTranslation();
  const options = useScopeOptions();
  const set = (patch: Partial<GrantForm>) => onChange({ ...value, ...patch });
  return (
    <div className="adm-panel" data-testid={testId}>
      <div className="adm-panel-title">{t('access.feeds.grant')}</div>
      <div className="ioc-field">
        <span className="ioc-label">{t('access.feeds.endpoints')}</span>
        <div className="adm-actions" data-testid={`${testId}-endpoints`}>
          <label className="ioc-check-row">
            <input type="checkbox" className="ioc-check" checked={value.all} onChange={() => set({ all: !value.all })} data-testid={`${testId}-endpoint-all`} />
            {t('access.feeds.endpoint.all')}
          </label>
          {!value.all &&
            FEED_ENDPOINTS.map((e) => (
              <label key={e} className="ioc-check-row">
                <input
                  type="checkbox"
                  className="ioc-check"
                  checked={value.endpoints.includes(e)}
                  onChange={() => set({ endpoints: toggleCode(value.endpoints, e) as FeedEndpoint[] })}
                  data-testid={`${testId}-endpoint-${e}`}
                />
                {t(`access.feeds.endpoint.${e}`)}
              </label>
            ))}
        </div>
        <Err error={errors.endpoints} />
      </div>
      <div className="adm-grid">
        {LIMITS.map((field) => (
          <Limit
            key={field}
            field={field}
            label={t(`access.feeds.${field}`)}
            options={options[field]}
            value={value[field]}
            onChange={(c) => set({ [field]: c })}
            error={errors[field]}
            testId={testId}
          />
        ))}
      </div>
    </div>
  );
}

function Err({ error }: { error: ErrorText | undefined }) {
  const { t } = useTranslation();
  return error ? (
    <span className="ioc-field-error">{t(error.key, { ...error.params, field: error.params?.field ? t(`access.feeds.${error.params.field}`) : '' })}</span>
  ) : null;
}

function Limit({
  field,
  label,
  options,
  value,
  onChange,
  error,
  testId,
}: {
  field: GrantField;
  label: string;
  options: readonly CodeOption[];
  value: ListChoice;
  onChange: (c: ListChoice) => void;
  error: ErrorText | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="ioc-field" data-testid={`${testId}-${field}`}>
      <span className="ioc-label">{label}</span>
      <div className="adm-seg" role="group" aria-label={label}>
        <button type="button" aria-pressed={value.any} onClick={() => onChange({ ...value, any: true })} data-testid={`${testId}-${field}-any`}>
          {t('access.feeds.any')}
        </button>
        <button type="button" aria-pressed={!value.any} onClick={() => onChange({ ...value, any: false })} data-testid={`${testId}-${field}-only`}>
          {t('access.feeds.only')}
        </button>
      </div>
      {!value.any && (
        <CodePicker
          label={label}
          options={options}
          value={value.codes}
          onChange={(codes) => onChange({ any: false, codes })}
          testId={`${testId}-${field}-picker`}
          invalid={!!error}
        />
      )}
      <Err error={error} />
    </div>
  );
}
