import type { LegendItem } from './explorer-legend.ts';

/** The choropleth's legend (explorer-legend.ts): a swatch per class with its range and unit, then "Không có dữ liệu". */
export function ExplorerLegend({ title, items }: { title: string; items: readonly LegendItem[] }) {
  return (
    <div className="ex-legend" data-testid="explorer-legend" data-count={items.length}>
      <div className="ex-legend-title">{title}</div>
      <ul className="ex-legend-items">
        {items.map((it) => (
          <li key={it.id} className="legend-item" data-testid={`explorer-legend-${it.id}`} data-color={it.color}>
            <span className="legend-swatch" style={{ backgroundColor: it.color }} aria-hidden="true" />
            {it.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
