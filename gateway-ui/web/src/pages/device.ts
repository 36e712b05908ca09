import uPlot from 'uplot';
import type { PageContext } from '../app';
import { api, ApiError, query } from '../api';
import { button, field, h, Notice, select } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import { navigate } from '../router';
import { priorities, priorityLabel, severityLabel, statusLabel } from './labels';

interface Device {
  id: number; name: string; address: string; vendor: string; model: string; serialNumber: string;
  macAddress: string; firmware: string; location: string; status: string; conditions: string[]; state: string;
  priority: { category: string; rating: number; pinned: boolean; reason: string };
  nextPoll: { alerts: string | null; counters: string | null };
  supplies: { name: string; colour: string; percent: number | null; level: number; max: number; kind: string }[];
  counters: { name: string; value: number; unit: string; readAt: string }[];
  openAlerts: { code: string; severity: string; description: string; raisedAt: string }[];
  lastSeen: string | null;
}
interface CounterHistory { points: { t: string; name: string; value: number }[] }
interface AlertHistory {
  items: { code: string; severity: string; description: string; raisedAt: string; clearedAt: string | null }[];
}

const palette = ['#1f5fbf', '#b3261e', '#1b7f3b', '#8a4baf', '#a05a00', '#00727a'];

export async function devicePage(ctx: PageContext): Promise<void> {
  const id = ctx.params[0];
  const heading = h('h1', {}, t('device.title'));
  ctx.main.append(h('p', { class: 'crumbs' }, h('a', { href: '/devices', 'data-link': true }, t('nav.devices'))),
    heading);
  let d: Device;
  try {
    d = await api<Device>('GET', `/devices/${encodeURIComponent(id)}`);
  } catch (e) {
    ctx.main.append(h('p', { class: 'notice error', role: 'alert' },
      e instanceof ApiError && e.status === 404 ? t('device.notFound') : e instanceof Error ? e.message : String(e)));
    return;
  }
  // Tolerate a partial answer: show what is there rather than nothing.
  d.supplies ??= [];
  d.counters ??= [];
  d.conditions ??= [];
  d.priority ??= { category: '', rating: 0, pinned: false, reason: '' };
  heading.textContent = d.name || d.address;
  document.title = `${heading.textContent} – netgateway`;

  const notice = new Notice();
  const pollNow = button(t('device.pollNow'), async () => {
    try {
      await api('POST', `/devices/${d.id}/poll`, {});
      notice.ok(t('device.pollQueued'));
    } catch (e) {
      notice.error(e instanceof Error ? e.message : String(e));
    }
  }, { class: 'primary' });

  const accept = d.state === 'pending' ? button(t('device.accept'), async () => {
    try {
      await api('POST', `/devices/${d.id}/accept`, {});
      notice.ok(t('device.accepted'));
      accept?.remove();
    } catch (e) {
      notice.error(e instanceof Error ? e.message : String(e));
    }
  }) : null;
  const remove = button(t('device.delete'), async () => {
    if (!window.confirm(t('device.confirmDelete', { name: d.name || d.address }))) return;
    try {
      await api('DELETE', `/devices/${d.id}`);
      navigate('/devices');
    } catch (e) {
      notice.error(e instanceof Error ? e.message : String(e));
    }
  }, { class: 'danger' });

  const category = select([['', t('device.automatic')],
    ...priorities.map((p): [string, string] => [p, priorityLabel(p)])], d.priority.pinned ? d.priority.category : '',
  { name: 'category' });
  const savePriority = button(t('device.savePriority'), async () => {
    try {
      await api('PUT', `/devices/${d.id}/priority`, { category: category.value || null });
      notice.ok(category.value ? t('device.pinnedTo', { category: priorityLabel(category.value) })
        : t('device.unpinned'));
    } catch (e) {
      notice.error(e instanceof Error ? e.message : String(e));
    }
  });

  const chartBox = h('div', { class: 'chart', role: 'img', 'aria-label': t('device.chartLabel') });
  const chartTable = h('details', { class: 'chart-data' });
  const bucket = select([['day', t('device.byDay')], ['month', t('device.byMonth')]], 'day', { name: 'bucket' });
  const alertHistory = h('tbody', {});

  ctx.main.append(
    h('div', { class: 'toolbar' }, h('div', { class: 'actions' }, pollNow, accept, remove), notice.el),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'dev-identity', class: 'card' }, h('h2', { id: 'dev-identity' },
        t('device.identity')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('devices.address')), h('dd', {}, d.address),
        h('dt', {}, t('devices.vendor')), h('dd', {}, d.vendor || '—'),
        h('dt', {}, t('devices.model')), h('dd', {}, d.model || '—'),
        h('dt', {}, t('device.serial')), h('dd', {}, d.serialNumber || '—'),
        h('dt', {}, t('device.mac')), h('dd', {}, d.macAddress || '—'),
        h('dt', {}, t('device.firmware')), h('dd', {}, d.firmware || '—'),
        h('dt', {}, t('device.location')), h('dd', {}, d.location || '—'),
        h('dt', {}, t('devices.state')), h('dd', {}, d.state === 'pending' ? t('state.pending') : t('state.managed')))),
      h('section', { 'aria-labelledby': 'dev-status', class: 'card' }, h('h2', { id: 'dev-status' }, t('device.status')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('devices.status')),
          h('dd', {}, h('span', { class: `badge status-${d.status}` }, statusLabel(d.status))),
          d.conditions?.length ? [h('dt', {}, t('device.conditions')), h('dd', {}, d.conditions.join(', '))] : null,
          h('dt', {}, t('devices.lastSeen')), h('dd', {}, formatTime(d.lastSeen)),
          h('dt', {}, t('device.nextAlertPoll')), h('dd', {}, formatTime(d.nextPoll?.alerts)),
          h('dt', {}, t('device.nextCounterPoll')), h('dd', {}, formatTime(d.nextPoll?.counters)),
          h('dt', {}, t('devices.priority')),
          h('dd', {}, `${priorityLabel(d.priority.category)} · ${t('device.rating', {
            rating: formatNumber(Math.round((d.priority.rating ?? 0) * 100) / 100) })}`),
          d.priority.pinned ? [h('dt', {}, t('device.pinned')), h('dd', {}, t('app.yes'))] : null),
        h('div', { class: 'inline' }, field(t('device.pin'), category, t('device.pinHint')), savePriority))),
    h('section', { 'aria-labelledby': 'dev-supplies', class: 'card' }, h('h2', { id: 'dev-supplies' },
      t('device.supplies')),
    d.supplies.length === 0 ? h('p', {}, t('device.noSupplies')) : h('ul', { class: 'supplies' },
      d.supplies.map((s, i) => {
        const meterId = `supply-${i}`;
        const pct = s.percent;
        return h('li', {},
          h('label', { for: meterId }, s.name),
          h('meter', { id: meterId, min: '0', max: '100', low: '11', high: '25', optimum: '100',
            value: String(pct ?? 0), class: `supply colour-${(s.colour || 'other').toLowerCase()}` }),
          h('span', { class: 'pct' }, pct === null ? t('device.levelUnknown') : `${pct} %`));
      }))),
    h('section', { 'aria-labelledby': 'dev-counters', class: 'card' }, h('h2', { id: 'dev-counters' },
      t('device.counters')),
    h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('device.counter')),
      h('th', { scope: 'col' }, t('device.value')), h('th', { scope: 'col' }, t('device.readAt')))),
    h('tbody', {}, d.counters.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.name),
      h('td', { class: 'num' }, `${formatNumber(c.value)} ${c.unit ?? ''}`), h('td', {}, formatTime(c.readAt)))))),
    h('div', { class: 'inline' }, field(t('device.history'), bucket)), chartBox, chartTable),
    h('section', { 'aria-labelledby': 'dev-alerts', class: 'card' }, h('h2', { id: 'dev-alerts' }, t('device.alerts')),
      h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('device.severity')), h('th', { scope: 'col' }, t('device.alertCode')),
        h('th', { scope: 'col' }, t('device.description')), h('th', { scope: 'col' }, t('device.raised')),
        h('th', { scope: 'col' }, t('device.cleared')))), alertHistory)));

  let plot: uPlot | null = null;
  ctx.onLeave(() => plot?.destroy());
  const loadChart = async () => {
    const days = bucket.value === 'day' ? 30 : 365;
    const from = new Date(Date.now() - days * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
    delete chartBox.dataset.points; // set again when this period's data is drawn
    let hist: CounterHistory;
    try {
      hist = await api<CounterHistory>('GET', `/devices/${d.id}/history${query({
        kind: 'counters', bucket: bucket.value, from })}`);
    } catch (e) {
      chartBox.replaceChildren(h('p', {}, e instanceof Error ? e.message : String(e)));
      return;
    }
    plot?.destroy();
    plot = null;
    const names = [...new Set(hist.points.map((p) => p.name))];
    const times = [...new Set(hist.points.map((p) => Math.floor(new Date(p.t).getTime() / 1000)))].sort((a, b) => a - b);
    if (times.length === 0) {
      chartBox.replaceChildren(h('p', { class: 'empty' }, t('device.noHistory')));
      chartBox.dataset.points = '0';
      chartTable.replaceChildren();
      return;
    }
    const index = new Map(times.map((x, i) => [x, i]));
    const series = names.map(() => times.map((): number | null => null));
    for (const p of hist.points) {
      series[names.indexOf(p.name)][index.get(Math.floor(new Date(p.t).getTime() / 1000)) as number] = p.value;
    }
    chartBox.replaceChildren();
    chartBox.dataset.points = String(hist.points.length);
    plot = new uPlot({
      width: Math.max(320, chartBox.clientWidth || 720), height: 260,
      series: [{}, ...names.map((n, i) => ({ label: n, stroke: palette[i % palette.length], width: 2, spanGaps: true }))],
      axes: [{}, { size: 70 }],
      scales: { x: { time: true } },
    }, [times, ...series] as uPlot.AlignedData, chartBox);
    // The same numbers as a table, for screen readers and keyboard users.
    chartTable.replaceChildren(h('summary', {}, t('device.chartTable')),
      h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('device.date')),
        names.map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, times.map((x, i) => h('tr', {}, h('th', { scope: 'row' }, formatTime(new Date(x * 1000)
        .toISOString())), series.map((s) => h('td', { class: 'num' }, s[i] === null ? '—' : formatNumber(s[i] as number))))))));
  };
  bucket.addEventListener('change', () => void loadChart());
  await loadChart();

  try {
    const from = new Date(Date.now() - 365 * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
    const alerts = await api<AlertHistory>('GET', `/devices/${d.id}/history${query({ kind: 'alerts', from })}`);
    alertHistory.replaceChildren(...alerts.items.map((a) => h('tr', {}, h('td', {}, severityLabel(a.severity)),
      h('td', {}, a.code), h('td', {}, a.description), h('td', {}, formatTime(a.raisedAt)),
      h('td', {}, a.clearedAt ? formatTime(a.clearedAt) : t('device.open')))));
    if (alerts.items.length === 0) {
      alertHistory.append(h('tr', {}, h('td', { colspan: '5' }, t('device.noAlerts'))));
    }
  } catch (e) {
    alertHistory.replaceChildren(h('tr', {}, h('td', { colspan: '5' }, e instanceof Error ? e.message : String(e))));
  }
}
