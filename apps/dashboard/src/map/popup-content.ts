/**
 * Popup bodies built as DOM with textContent only: names and values come from feeds and the
 * catalogue and must never be parsed as HTML.
 */
export interface PopupSpec {
  title: string;
  subtitle?: string | null;
  rows: { label: string; value: string; color?: string | null }[];
  notes?: string[];
  stale?: boolean;
}

export function popupContent(spec: PopupSpec): HTMLElement {
  const root = document.createElement('div');
  root.className = spec.stale ? 'pop stale' : 'pop';
  const title = document.createElement('div');
  title.className = 'pop-title';
  title.textContent = spec.title;
  root.append(title);
  if (spec.subtitle) {
    const sub = document.createElement('div');
    sub.className = 'pop-sub';
    sub.textContent = spec.subtitle;
    root.append(sub);
  }
  for (const r of spec.rows) {
    const row = document.createElement('div');
    row.className = 'pop-row';
    const label = document.createElement('span');
    label.className = 'pop-label';
    label.textContent = r.label;
    const value = document.createElement('span');
    value.className = 'pop-value';
    value.textContent = r.value;
    if (r.color && /^#[0-9a-f]{6}$/i.test(r.color)) value.style.color = r.color;
    row.append(label, value);
    root.append(row);
  }
  for (const n of spec.notes ?? []) {
    const note = document.createElement('div');
    note.className = 'pop-note';
    note.textContent = n;
    root.append(note);
  }
  return root;
}
