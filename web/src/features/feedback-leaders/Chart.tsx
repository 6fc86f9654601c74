import { BarChart, LineChart } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the leaders' charts use, so that the bundle carries no other chart types.
use([BarChart, LineChart, GridSimpleComponent, LegendPlainComponent, TooltipComponent, SVGRenderer]);

/** Dark enough for 4.5:1 on white; each series also has its own marker shape, so colour is never the only cue. */
export const SERIES_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#6d28d9'];
export const SERIES_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'];

/**
 * An ECharts chart drawn as SVG. To assistive technology it is one image named by `summary`; the
 * figures themselves are in the table that every chart on the page sits next to.
 */
export function Chart({
  option,
  summary,
  height = 260,
}: {
  option: EChartsCoreOption;
  summary: string;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    chart.setOption({ color: SERIES_COLOURS, textStyle: { color: '#1f2937' }, ...option });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={element} className="leaders-chart" role="img" aria-label={summary} style={{ height }} />;
}
