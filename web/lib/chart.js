// Charts with Apache ECharts (vendor/echarts.js, the ES module build), loaded only by the
// pages that draw one. Drawn on canvas; tooltips are rendered as rich text inside the
// canvas, since HTML tooltips carry style attributes the CSP (style-src 'self') refuses.
import { html, useEffect, useRef } from "./html.js";

let echartsPromise = null;
const loadECharts = () => (echartsPromise ||= import("/vendor/echarts.js"));

// A horizontal bar chart: rows [{label, values: [..]}], series names, an onClick(row).
export function BarChart({ id, rows, series, onClick, label }) {
  const ref = useRef(null);
  useEffect(() => {
    let chart, dead = false;
    const resize = () => chart && chart.resize();
    loadECharts().then((echarts) => {
      if (dead || !ref.current) return;
      chart = echarts.init(ref.current, null, { renderer: "canvas" });
      const labels = rows.map((r) => r.label).reverse();
      chart.setOption({
        animation: false,
        color: ["#b3261e", "#e8a317", "#1a73e8", "#137333"],
        grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
        legend: { top: 0, data: series },
        tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: labels, axisLabel: { width: 160, overflow: "truncate" } },
        series: series.map((name, i) => ({ name, type: "bar", stack: "all", data: rows.map((r) => r.values[i]).reverse() })),
      });
      if (onClick) chart.on("click", (p) => onClick(rows[rows.length - 1 - p.dataIndex]));
      window.addEventListener("resize", resize);
    });
    return () => { dead = true; window.removeEventListener("resize", resize); if (chart) chart.dispose(); };
  }, [JSON.stringify(rows), series.join()]);
  const h = Math.max(140, 34 + rows.length * 26);
  return html`<div class="chart" id=${id} ref=${ref} role="img" aria-label=${label} data-height=${h}
    style=${{ height: h + "px" }}></div>`;
}
