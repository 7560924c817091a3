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
 * look 'lang' is the header's language switch.
 */
export function Segmented<T extends string>({ label, options, value, onChange, optionLabel, testId, look = 'seg' }: Choice<T> & { look?: 'seg' | 'lang' }) {
  return (
    <div className={look === 'lang' ? 'lang-toggle' : 'seg'} role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className={o === value ? `${look}-btn active` : `${look}-btn`}
          aria-pressed={o === value}
          onClick={() => onChange(o)}
          data-testid={`${testId}-${o}`}
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
