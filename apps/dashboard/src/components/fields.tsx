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

/**
 * A field of a toolbar or a form: its label over its control. A <label> around one input (a click on the label
 * focuses it); `group` for a control made of several (toggle buttons, a picker), which names itself; `className` adds a look.
 */
export function Field({ label, group = false, className, children }: { label: string; group?: boolean; className?: string; children: ReactNode }) {
  const Frame = group ? 'div' : 'label';
  return (
    <Frame className={className ? `field ${className}` : 'field'}>
      <span className="field-label">{label}</span>
      {children}
    </Frame>
  );
}

/** A field of free text over a few lines (a note, a report, a directive's text; two unless told), at most maxLength characters. */
export function TextAreaField({
  label,
  value,
  onChange,
  rows = 2,
  maxLength,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength: number;
  testId: string;
}) {
  return (
    <Field label={label}>
      <textarea className="ioc-input" value={value} onChange={(e) => onChange(e.target.value)} rows={rows} maxLength={maxLength} data-testid={testId} />
    </Field>
  );
}

/** The <option>s of a select: one per value, shown by `label`. */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => ReactNode }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}

/** A toolbar field: its label over a Segmented choice. */
export function SegmentedField<T extends string>(props: Choice<T>) {
  return (
    <Field label={props.label} group>
      <Segmented {...props} />
    </Field>
  );
}

/** A toolbar field: its label over a select of values, each shown by optionLabel. */
export function SelectField<T extends string>({ label, options, value, onChange, optionLabel, testId }: Choice<T>) {
  return (
    <Field label={label}>
      <select className="ioc-select" value={value} onChange={(e) => onChange(options.find((o) => o === e.target.value) ?? value)} data-testid={testId}>
        <Options values={options} label={optionLabel} />
      </select>
    </Field>
  );
}
