import type { PageContext } from '../app';
import { api, ApiError, query } from '../api';
import { button, field, h, input, select } from '../dom';
import { formatNumber, formatTime, Key, t } from '../i18n';
import { priorities, priorityLabel, statuses, statusLabel } from './labels';

interface DeviceRow {
  id: number; name: string; address: string; vendor: string; model: string; serialNumber: string;
  macAddress: string; status: string; priority: string; pinned: boolean; openAlerts: number;
  lowestSupplyPercent: number | null; lastSeen: string | null; state: string;
}
interface DevicePage { total: number; offset: number; limit: number; items: DeviceRow[] }

// Sortable columns (API sort key, heading) and the others.
const columns: [string | null, Key][] = [
  ['name', 'devices.name'], ['address', 'devices.address'], ['vendor', 'devices.vendor'], ['model', 'devices.model'],
  ['status', 'devices.status'], ['priority', 'devices.priority'], [null, 'devices.alerts'],
  [null, 'devices.supply'], ['lastSeen', 'devices.lastSeen'],
];

// The list is paged, sorted and filtered by the server, so it stays quick
// with tens of thousands of devices; the URL keeps the view (back button,
// bookmarks, links from the dashboard).
export function devicesPage(ctx: PageContext): void {
  const params = new URLSearchParams(location.search);
  const state = {
    search: params.get('search') ?? '', status: params.get('status') ?? '', vendor: params.get('vendor') ?? '',
    priority: params.get('priority') ?? '', alerts: params.get('alerts') ?? '', state: params.get('state') ?? '',
    sort: params.get('sort') ?? 'name', order: params.get('order') ?? 'asc',
    offset: Number(params.get('offset') ?? 0) || 0, limit: Number(params.get('limit') ?? 50) || 50,
  };

  const search = input({ type: 'search', name: 'search', value: state.search, autocomplete: 'off' });
  const status = select([['', t('devices.any')], ...statuses.map((s): [string, string] => [s, statusLabel(s)])],
    state.status, { name: 'status' });
  const vendor = input({ name: 'vendor', value: state.vendor, autocomplete: 'off' });
  const priority = select([['', t('devices.any')], ...priorities.map((p): [string, string] => [p, priorityLabel(p)])],
    state.priority, { name: 'priority' });
  const alerts = select([['', t('devices.any')], ['open', t('devices.openAlerts')]], state.alerts, { name: 'alerts' });
  const reg = select([['', t('devices.any')], ['managed', t('state.managed')], ['pending', t('state.pending')]],
    state.state, { name: 'state' });
  const limit = select([['25', '25'], ['50', '50'], ['100', '100'], ['200', '200']], String(state.limit),
    { name: 'limit' });

  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const thead = h('thead', {});
  const tbody = h('tbody', {});
  const table = h('table', { class: 'grid devices', 'aria-describedby': 'devices-summary' },
    h('caption', { class: 'sr-only' }, t('devices.title')), thead, tbody);
  summary.id = 'devices-summary';
  const prev = button(t('devices.previous'), () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
  const next = button(t('devices.next'), () => { state.offset += state.limit; load(); });
  const pageInfo = h('span', { class: 'page-info' });
  const pollAll = button(t('devices.pollAll'), async () => {
    try {
      const r = await api<{ queued: number }>('POST', '/devices/poll', {});
      summary.textContent = t('devices.pollAllQueued', { count: formatNumber(r.queued) });
    } catch (e) {
      summary.textContent = e instanceof Error ? e.message : String(e);
    }
  });

  ctx.main.append(
    h('h1', {}, t('devices.title')),
    h('form', { class: 'filters', role: 'search', 'aria-label': t('devices.filters'), onsubmit: ((ev: Event) => {
      ev.preventDefault();
      state.offset = 0;
      load();
    }) as EventListener },
      field(t('devices.search'), search, t('devices.searchHint')), field(t('devices.status'), status),
      field(t('devices.vendor'), vendor), field(t('devices.priority'), priority), field(t('devices.alerts'), alerts),
      field(t('devices.state'), reg), field(t('devices.perPage'), limit)),
    h('div', { class: 'toolbar' }, summary, pollAll),
    h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': t('devices.paging') }, prev, pageInfo, next));

  let debounce = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => { state.offset = 0; load(); }, 250);
  });
  vendor.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => { state.offset = 0; load(); }, 250);
  });
  for (const s of [status, priority, alerts, reg, limit]) {
    s.addEventListener('change', () => { state.offset = 0; load(); });
  }
  ctx.onLeave(() => window.clearTimeout(debounce));

  const renderHead = () => {
    thead.replaceChildren(h('tr', {}, columns.map(([key, label]) => {
      if (!key) return h('th', { scope: 'col' }, t(label));
      const active = state.sort === key;
      return h('th', { scope: 'col', 'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : null },
        // The arrow is decoration: aria-sort on the header tells screen readers.
        h('button', { type: 'button', class: 'sort', onclick: (() => {
          state.order = active && state.order === 'asc' ? 'desc' : 'asc';
          state.sort = key;
          state.offset = 0;
          load();
        }) as EventListener }, t(label), active ? h('span', { 'aria-hidden': 'true' }, state.order === 'asc' ? ' ▲' : ' ▼')
          : null));
    })));
  };

  let generation = 0;
  const load = async () => {
    Object.assign(state, {
      search: search.value.trim(), status: status.value, vendor: vendor.value.trim(), priority: priority.value,
      alerts: alerts.value, state: reg.value, limit: Number(limit.value),
    });
    const q = query({
      search: state.search, status: state.status, vendor: state.vendor, priority: state.priority,
      alerts: state.alerts, state: state.state, sort: state.sort, order: state.order, offset: state.offset,
      limit: state.limit,
    });
    history.replaceState(null, '', `/devices${q}`);
    renderHead();
    const mine = ++generation;
    table.setAttribute('aria-busy', 'true');
    let page: DevicePage;
    try {
      page = await api<DevicePage>('GET', `/devices${q}`);
    } catch (e) {
      if (mine !== generation) return;
      table.removeAttribute('aria-busy');
      tbody.replaceChildren();
      summary.textContent = e instanceof ApiError && e.status === 404 ? t('app.notAvailable')
        : e instanceof Error ? e.message : String(e);
      return;
    }
    if (mine !== generation) return;
    table.removeAttribute('aria-busy');
    const rows = page.items.map((d) => h('tr', { 'data-id': d.id },
      h('th', { scope: 'row' }, h('a', { href: `/devices/${d.id}`, 'data-link': true }, d.name || d.address)),
      h('td', {}, d.address), h('td', {}, d.vendor), h('td', {}, d.model),
      h('td', {}, h('span', { class: `badge status-${d.status}` }, statusLabel(d.status))),
      h('td', {}, priorityLabel(d.priority), d.pinned ? h('span', { class: 'pin', title: t('device.pinned') },
        ` (${t('device.pinned')})`) : null),
      h('td', { class: 'num' }, d.openAlerts ? formatNumber(d.openAlerts) : '—'),
      h('td', { class: 'num' }, d.lowestSupplyPercent === null ? '—' : `${d.lowestSupplyPercent} %`),
      h('td', {}, formatTime(d.lastSeen))));
    tbody.replaceChildren(...rows);
    if (rows.length === 0) {
      tbody.append(h('tr', {}, h('td', { colspan: String(columns.length) }, t('devices.none'))));
    }
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = page.offset + page.items.length;
    summary.textContent = t('devices.showing', {
      from: formatNumber(from), to: formatNumber(to), total: formatNumber(page.total),
    });
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    pageInfo.textContent = t('devices.page', {
      page: formatNumber(Math.floor(page.offset / page.limit) + 1), pages: formatNumber(pages),
    });
    prev.disabled = page.offset === 0;
    next.disabled = to >= page.total;
  };
  void load();
}
