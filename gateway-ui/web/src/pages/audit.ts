import type { PageContext } from '../app';
import { api, query } from '../api';
import { button, field, h, input, select } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';

interface Entry { id: number; time: string; actor: string; source: string; action: string; target: string; result: string }

function isoDay(value: string, endOfDay: boolean): string | undefined {
  if (!value) return undefined;
  return endOfDay ? `${value}T23:59:59Z` : `${value}T00:00:00Z`;
}

export function auditPage(ctx: PageContext): void {
  const from = input({ type: 'date', name: 'from' });
  const to = input({ type: 'date', name: 'to' });
  const actor = input({ name: 'actor' });
  const action = input({ name: 'action' });
  const result = select([['', t('devices.any')], ['success', t('audit.success')], ['failure', t('audit.failure')]], '',
    { name: 'result' });
  const tbody = h('tbody', {});
  const summary = h('p', { role: 'status' });
  const csv = h('a', { class: 'button', download: '' }, t('audit.exportCsv'));
  const jsonl = h('a', { class: 'button', download: '' }, t('audit.exportJsonl'));
  const limit = 100;
  let offset = 0;
  const prev = button(t('devices.previous'), () => { offset = Math.max(0, offset - limit); void load(); });
  const next = button(t('devices.next'), () => { offset += limit; void load(); });

  const load = async () => {
    const range = { from: isoDay(from.value, false), to: isoDay(to.value, true) };
    csv.setAttribute('href', `/api/v1/audit/export${query({ ...range, format: 'csv' })}`);
    jsonl.setAttribute('href', `/api/v1/audit/export${query({ ...range, format: 'jsonl' })}`);
    try {
      const r = await api<{ total: number; entries: Entry[] }>('GET', `/audit${query({
        ...range, actor: actor.value.trim(), action: action.value.trim(), result: result.value, limit, offset })}`);
      tbody.replaceChildren(...r.entries.map((e) => h('tr', {}, h('td', {}, formatTime(e.time)), h('td', {}, e.actor),
        h('td', {}, e.source), h('td', {}, e.action), h('td', {}, e.target),
        h('td', {}, e.result === 'success' ? t('audit.success') : t('audit.failure')))));
      summary.textContent = t('devices.showing', { from: formatNumber(r.total ? offset + 1 : 0),
        to: formatNumber(offset + r.entries.length), total: formatNumber(r.total) });
      prev.disabled = offset === 0;
      next.disabled = offset + r.entries.length >= r.total;
    } catch (e) {
      summary.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('audit.filters') },
    field(t('audit.from'), from), field(t('audit.to'), to), field(t('audit.actor'), actor),
    field(t('audit.action'), action), field(t('audit.result'), result),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('audit.apply'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); offset = 0; void load(); });
  ctx.main.append(h('h1', {}, t('audit.title')), form, h('div', { class: 'toolbar' }, summary, csv, jsonl),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid' }, h('thead', {}, h('tr', {},
      [t('audit.time'), t('audit.actor'), t('security.source'), t('audit.action'), t('audit.target'),
        t('audit.result')].map((c) => h('th', { scope: 'col' }, c)))), tbody)),
    h('nav', { class: 'pager', 'aria-label': t('devices.paging') }, prev, next));
  void load();
}
