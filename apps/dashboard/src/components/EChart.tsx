import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { AxisBreak } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the wall draws (water-level lines, ranking bars with an axis break): keeps ECharts to a fraction of its full size.
use([LineChart, BarChart, GridComponent, MarkLineComponent, TooltipComponent, AxisBreak, CanvasRenderer]);

/** Binds an option (built by a pure *.chart.ts) to a canvas; resizes with its box. */
/** `label`: the chart's text alternative (role="img"), for screen readers and the browser tests: a canvas has no text. */
export function EChart({ option, className, testId, label }: { option: EChartsCoreOption; className?: string; testId?: string; label?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const node = el.current!;
    const c = init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    const debug = testId && window.__ioc ? (window.__ioc.charts ??= {}) : null;
    if (debug) debug[testId!] = c;
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
      if (debug && debug[testId!] === c) delete debug[testId!];
    };
  }, []); // the test id is fixed for a chart's life

  useEffect(() => {
    // Series are replaced as a whole: stations may come and go with the catalogue.
    chart.current?.setOption(option, { replaceMerge: ['series'], lazyUpdate: true });
  }, [option]);

  return <div ref={el} className={className} data-testid={testId} data-chart="" role={label ? 'img' : undefined} aria-label={label} />;
}
