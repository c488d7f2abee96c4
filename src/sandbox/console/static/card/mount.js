/**
 * Turns a rendered card (render.js) into live DOM: buttons call `onAction`, charts are drawn with VChart
 * (served by the console from node_modules), table pagers page. Browser only.
 */
import { renderCard } from './render.js';

/** Renders `card` into `host`, releasing the charts of what was there before. */
export function mountCard(host, card, opts) {
  for (const chart of host.__charts ?? []) chart.release?.();
  const rendered = renderCard(card, opts);
  host.innerHTML = rendered.html;
  host.__charts = [];
  for (const btn of host.querySelectorAll('button[data-action]')) {
    const action = rendered.actions[Number(btn.dataset.action)];
    btn.addEventListener('click', () => opts.onAction(action, btn));
  }
  for (const box of host.querySelectorAll('[data-chart]')) {
    const chart = drawChart(box, rendered.charts[Number(box.dataset.chart)].spec);
    if (chart) host.__charts.push(chart);
  }
  for (const pager of host.querySelectorAll('.table-pager')) bindPager(pager);
  // Enter in a form's only input would submit it and leave the page.
  for (const form of host.querySelectorAll('form')) form.addEventListener('submit', (e) => e.preventDefault());
}

function drawChart(box, spec) {
  const lib = globalThis.VChart;
  const Chart = lib?.VChart ?? lib?.default;
  if (!Chart) {
    box.textContent = 'VChart is not loaded';
    return undefined;
  }
  try {
    const chart = new Chart(structuredClone(spec), { dom: box, animation: false });
    if (chart.renderSync) chart.renderSync();
    else void chart.renderAsync();
    return chart;
  } catch (err) {
    box.textContent = `chart_spec could not be drawn: ${err?.message ?? err}`;
    box.classList.add('chart-error');
    return undefined;
  }
}

function bindPager(pager) {
  const table = pager.previousElementSibling;
  const pages = Number(pager.dataset.pages);
  let page = 1;
  const show = () => {
    for (const tr of table.querySelectorAll('tbody tr')) tr.hidden = Number(tr.dataset.page) !== page;
    pager.querySelector('.page-no').textContent = `${page} / ${pages}`;
    pager.querySelector('.page-prev').disabled = page <= 1;
    pager.querySelector('.page-next').disabled = page >= pages;
  };
  pager.querySelector('.page-prev').addEventListener('click', () => { page = Math.max(1, page - 1); show(); });
  pager.querySelector('.page-next').addEventListener('click', () => { page = Math.min(pages, page + 1); show(); });
}
