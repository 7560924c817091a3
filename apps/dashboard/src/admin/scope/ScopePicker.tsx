import { useTranslation } from 'react-i18next';
import type { Scopes } from '../../auth/session.ts';
import { CodePicker } from './CodePicker.tsx';
import { withCodes } from './scope-options.ts';
import { useScopeOptions } from './useScopeOptions.ts';

const SCOPE_KINDS = ['units', 'agencies'] as const satisfies readonly (keyof Scopes)[];

/** A person's or a wall screen's scope: units and agencies, chosen by name. */
export function ScopePicker({ value, onChange, testId, invalid }: { value: Scopes; onChange: (s: Scopes) => void; testId: string; invalid?: boolean }) {
  const { t } = useTranslation();
  const options = useScopeOptions();
  return (
    <div className="adm-grid" data-testid={testId}>
      {SCOPE_KINDS.map((kind) => (
        <CodePicker
          key={kind}
          label={t(`access.scope.${kind}`)}
          options={options[kind]}
          value={value[kind]}
          onChange={(codes) => onChange(withCodes(value, kind, codes))}
          testId={`${testId}-${kind}`}
          invalid={invalid}
        />
      ))}
    </div>
  );
}
