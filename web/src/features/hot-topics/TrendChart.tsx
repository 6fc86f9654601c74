import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what a line chart needs, so the page does not carry the whole library.
echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * Requests per hour as a line. Decorative for screen readers: the same figures are in the table
 * beside it, which is what they read.
 */
export function TrendChart({ points }: { points: readonly { label: string; count: number }[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const chart = echarts.init(container.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 36, right: 12, top: 12, bottom: 48 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((point) => point.label), axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', data: points.map((point) => point.count), color: '#b3261e', symbolSize: 6 }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points]);
  return <div className="hot-topics-chart" ref={container} aria-hidden="true" />;
}
