import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterOptions, nameOf, toggleCode, type CodeOption, type OptionGroup } from './scope-options.ts';

/**
 * Chooses codes by name: the chosen ones as chips (× removes), a search box (diacritics ignored)
 * and the matching options, grouped, each a check row. Codes are never typed by hand.
 */
export function CodePicker({
  label,
  options,
  value,
  onChange,
  testId,
  invalid,
}: {
  label: string;
  options: readonly CodeOption[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
  testId: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterOptions(options, query, 60), [options, query]);
  const chosen = new Set(value);
  let group: OptionGroup | null = null;
  return (
    <div className="picker" data-testid={testId}>
      <span className="ioc-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="picker-chips" aria-live="polite">
        {value.length === 0 ? (
          <span className="picker-none">{t('access.scope.none')}</span>
        ) : (
          value.map((code) => (
            <span key={code} className="picker-chip" data-code={code}>
              {nameOf(options, code)}
              <button type="button" aria-label={t('access.scope.remove', { name: nameOf(options, code) })} onClick={() => onChange(toggleCode(value, code))}>
                ×
              </button>
            </span>
          ))
        )}
      </div>
      <input
        className="ioc-input"
        type="search"
        placeholder={t('access.scope.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-labelledby={`${id}-label`}
        aria-invalid={invalid || undefined}
        data-testid={`${testId}-search`}
      />
      <div className="picker-list" role="group" aria-labelledby={`${id}-label`}>
        {shown.length === 0 && <div className="picker-none">{t('access.scope.noMatch')}</div>}
        {shown.map((o) => {
          const head = o.group !== group ? (group = o.group) : null;
          return (
            <div key={o.code}>
              {head && <div className="picker-group">{t(`access.scope.groups.${head}`)}</div>}
              <label className="picker-option" data-code={o.code}>
                <input type="checkbox" className="ioc-check" checked={chosen.has(o.code)} onChange={() => onChange(toggleCode(value, o.code))} />
                <span>{o.name}</span>
                <span className="picker-code">{o.code}</span>
              </label>
            </div>
          );
        })}
      </div>
    </div>
  );
}
