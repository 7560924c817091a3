import { useTranslation } from 'react-i18next';
import type { Scopes } from '../../auth/session.ts';
import { CodePicker } from './CodePicker.tsx';
import { withCodes } from './scope-options.ts';
import { useScopeOptions } from './useScopeOptions.ts';

/** A person's or a wall screen's scope: units and agencies, chosen by name. */
export function ScopePicker({ value, onChange, testId, invalid }: { value: Scopes; onChange: (s: Scopes) => void; testId: string; invalid?: boolean }) {
  const { t } = useTranslation();
  const options = useScopeOptions();
  return (
    <div className="adm-grid" data-testid={testId}>
      <CodePicker
        label={t('access.scope.units')}
        options={options.units}
        value={value.units}
        onChange={(codes) => onChange(withCodes(value, 'units', codes))}
        testId={`${testId}-units`}
        invalid={invalid}
      />
      <CodePicker
        label={t('access.scope.agencies')}
        options={options.agencies}
        value={value.agencies}
        onChange={(codes) => onChange(withCodes(value, 'agencies', codes))}
        testId={`${testId}-agencies`}
        invalid={invalid}
      />
    </div>
  );
}
