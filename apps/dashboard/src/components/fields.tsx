import type { ReactNode } from 'react';

/** A choice of one value among a few: its label, the values, the chosen one, how each reads. */
export interface Choice<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  optionLabel: (value: T) => ReactNode;
  testId: string;
}

/**
 * A group of toggle buttons, one pressed: the page's choice among a few values (data-testid `<testId>-<value>`).
 * look 'lang' is the header's language switch; `disabled` names the values that cannot be chosen now; value null presses none.
 */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  optionLabel,
  testId,
  look = 'seg',
  disabled,
}: Omit<Choice<T>, 'label' | 'value'> & { label?: string; value: T | null; look?: 'seg' | 'lang'; disabled?: (value: T) => boolean }) {
  return (
    <div className={look === 'lang' ? 'lang-toggle' : 'seg'} role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className={o === value ? `${look}-btn active` : `${look}-btn`}
          aria-pressed={o === value}
          disabled={disabled?.(o)}
          onClick={() => onChange(o)}
          data-testid={`${testId}-${o}`}
        >
          {optionLabel(o)}
        </button>
      ))}
    </div>
  );
}

/**
 * Tabs over what a page lists, one selected (role tablist; data-testid `<testId>-<value>` when given).
 * look 'chip': the operator inbox's filter chips; 'btn': buttons, the selected one primary.
 */
export function Tabs<T extends string>({
  options,
  value,
  onChange,
  optionLabel,
  testId,
  look,
}: Omit<Choice<T>, 'label' | 'testId'> & { testId?: string; look: 'chip' | 'btn' }) {
  const className = (selected: boolean) => (look === 'chip' ? (selected ? 'chip active' : 'chip') : selected ? 'btn btn-primary' : 'btn');
  return (
    <div className={look === 'chip' ? 'op-filters' : 'seg'} role="tablist">
      {options.map((o) => (
        <button
          key={o}
          type="button"
          role="tab"
          aria-selected={o === value}
          className={className(o === value)}
          onClick={() => onChange(o)}
          data-testid={testId === undefined ? undefined : `${testId}-${o}`}
        >
          {optionLabel(o)}
        </button>
      ))}
    </div>
  );
}

/** A toolbar field: its label over a Segmented choice. */
export function SegmentedField<T extends string>(props: Choice<T>) {
  return (
    <div className="field">
      <span className="field-label">{props.label}</span>
      <Segmented {...props} />
    </div>
  );
}

/** A toolbar field: its label over a select of values, each shown by optionLabel. */
export function SelectField<T extends string>({ label, options, value, onChange, optionLabel, testId }: Choice<T>) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="ioc-select" value={value} onChange={(e) => onChange(options.find((o) => o === e.target.value) ?? value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
