import type { ReactNode } from 'react';

/** A group of toggle buttons, one pressed: the page's choice among a few values (data-testid `<testId>-<value>`). */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  optionLabel,
  testId,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  optionLabel: (value: T) => ReactNode;
  testId: string;
}) {
  return (
    <div className="seg" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className={o === value ? 'seg-btn active' : 'seg-btn'}
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
export function SegmentedField<T extends string>(props: Parameters<typeof Segmented<T>>[0]) {
  return (
    <div className="field">
      <span className="field-label">{props.label}</span>
      <Segmented {...props} />
    </div>
  );
}

/** A toolbar field: its label over a select of values, each shown by optionLabel. */
export function SelectField<T extends string>({
  label,
  options,
  value,
  onChange,
  optionLabel,
  testId,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  optionLabel: (value: T) => ReactNode;
  testId: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(options.find((o) => o === e.target.value) ?? value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
