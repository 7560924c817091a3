import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchOptions, type PickOption } from './unit-picker.model.ts';

/**
 * Type to find a commune or an agency by name (diacritics optional), pick with the mouse or the
 * keyboard (↑ ↓ Enter, Esc closes). An ARIA combobox; every name is React text.
 */
export function UnitPicker({
  options,
  selected,
  onPick,
}: {
  options: readonly PickOption[];
  /** The unit now shown, if any. */
  selected: PickOption | null;
  onPick: (option: PickOption) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchOptions(options, query), [options, query]);

  const pick = (o: PickOption) => {
    onPick(o);
    setQuery('');
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = found.length;
      if (n > 0) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
    } else if (e.key === 'Enter') {
      const o = found[active];
      if (open && o) {
        e.preventDefault();
        pick(o);
      }
    } else if (e.key === 'Escape') setOpen(false);
  };

  const showList = open && query.trim() !== '';
  return (
    <div className="unit-picker">
      <input
        type="search"
        className="ioc-input"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && found[active] ? `${id}-${active}` : undefined}
        aria-label={t('operator.unit')}
        placeholder={selected ? `${selected.name} (${selected.code})` : t('operator.searchPlaceholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
        data-testid="unit-search"
      />
      {selected && (
        <span className="unit-picked" data-testid="unit-picked" data-kind={selected.kind} data-code={selected.code}>
          {selected.name}
          <span className="an-code">{selected.code}</span>
        </span>
      )}
      {showList && (
        <ul className="unit-options" role="listbox" id={`${id}-list`} data-testid="unit-options">
          {found.length === 0 && <li className="unit-option-empty">{t('operator.noMatch')}</li>}
          {found.map((o, i) => (
            <li
              key={`${o.kind}:${o.code}`}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'unit-option active' : 'unit-option'}
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              data-testid={`unit-option-${o.kind}-${o.code}`}
            >
              <span className="unit-option-kind">{t(o.kind === 'area' ? 'operator.kindArea' : 'operator.kindAgency')}</span>
              <span className="unit-option-name">{o.name}</span>
              <span className="an-code">{o.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
