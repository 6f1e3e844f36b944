package org.ebmworkbench.reports.html

/** The report's stylesheet, inlined in `<style>` (a constant: never built from user strings). */
internal object ReportCss {
    const val CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1200px;
  padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.5rem; }
.note { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; display: block; overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8rem; }
.state-done { color: #1b6e20; }
.state-failed, .state-diverged { color: #b00020; }
.state-running, .state-pending, .state-interrupted, .state-unknown { color: #8a5a00; }
figure { margin: 1rem 0; }
figcaption { color: #555; font-size: 0.85rem; max-width: 900px; }
.pair { display: flex; gap: 1rem; flex-wrap: wrap; }
img.heatmap { image-rendering: pixelated; border: 1px solid #ccc; }
pre { background: #f7f7f7; padding: 0.75rem; overflow-x: auto; font-size: 0.8rem; }
details { margin: 0.3rem 0; }
table.comparison th.dataset { text-align: center; }
table.comparison th.optimum { font-weight: normal; color: #555; }
th.rowlabel { white-space: nowrap; }
td.best { font-weight: bold; background: #e8f5e9; }
td.tie { text-decoration: underline; }
td .n, td .ci, td .miss { font-weight: normal; color: #555; font-size: 0.8rem; }
td a.bad { color: #b00020; font-weight: normal; font-size: 0.8rem; }
td a.warn { color: #8a4b00; font-weight: normal; font-size: 0.8rem; }
td a.impossible { color: #b00020; font-weight: bold; }
table.provenance th { text-align: left; font-weight: normal; color: #555; padding-right: 1rem; }
details pre { max-height: 30rem; overflow: auto; }
.failures h4 { margin: 0.6rem 0 0.2rem; }
table.density-grid td { text-align: center; }
summary { cursor: pointer; }
nav.contents { font-size: 0.9rem; margin: 1rem 0; }
nav.contents ul { margin: 0.2rem 0; padding-left: 1.2rem; columns: 2; }
"""
}
