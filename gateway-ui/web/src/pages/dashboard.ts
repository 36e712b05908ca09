import type { PageContext } from '../app';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { formatNumber, formatTime, Key, t } from '../i18n';

interface Dashboard {
  devices: { total: number; online: number; sleeping: number; offline: number; error: number; pending: number };
  alerts: { critical: number; warning: number; other: number };
  suppliesLow: number;
  uplink: { state: string; mode: string; queueDepth: number; lastUploadAt: string | null; lastError: string | null };
  lastDiscovery: { settingId: number; name: string; finishedAt: string; found: number; new: number } | null;
  version: string;
}

function tile(labelKey: Key, value: number | string, href?: string, tone = ''): HTMLElement {
  const v = typeof value === 'number' ? formatNumber(value) : value;
  const content = [h('span', { class: 'value' }, v), h('span', { class: 'label' }, t(labelKey))];
  return h('li', { class: `tile ${tone}` }, href ? h('a', { href, 'data-link': true }, content) : content);
}

export async function dashboardPage(ctx: PageContext): Promise<void> {
  ctx.main.append(h('h1', {}, t('dashboard.title')));
  const body = h('div', { 'aria-busy': 'true' }, t('app.loading'));
  ctx.main.append(body);
  const refresh = async () => {
    let d: Dashboard;
    try {
      d = await api<Dashboard>('GET', '/dashboard');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        body.replaceChildren(h('p', { class: 'notice' }, t('app.notAvailable')));
        return;
      }
      throw e;
    }
    body.removeAttribute('aria-busy');
    body.replaceChildren(
      h('section', { 'aria-labelledby': 'dash-devices' }, h('h2', { id: 'dash-devices' }, t('dashboard.devices')),
        h('ul', { class: 'tiles' },
          tile('dashboard.total', d.devices.total, '/devices'),
          tile('status.online', d.devices.online, '/devices?status=online', 'good'),
          tile('status.sleeping', d.devices.sleeping, '/devices?status=sleeping'),
          tile('status.offline', d.devices.offline, '/devices?status=offline', d.devices.offline ? 'warn' : ''),
          tile('status.error', d.devices.error, '/devices?status=error', d.devices.error ? 'bad' : ''),
          tile('state.pending', d.devices.pending, '/devices?state=pending'))),
      h('section', { 'aria-labelledby': 'dash-alerts' }, h('h2', { id: 'dash-alerts' }, t('dashboard.alerts')),
        h('ul', { class: 'tiles' },
          tile('severity.critical', d.alerts.critical, '/devices?alerts=open', d.alerts.critical ? 'bad' : ''),
          tile('severity.warning', d.alerts.warning, '/devices?alerts=open', d.alerts.warning ? 'warn' : ''),
          tile('severity.other', d.alerts.other, '/devices?alerts=open'),
          tile('dashboard.suppliesLow', d.suppliesLow, undefined, d.suppliesLow ? 'warn' : ''))),
      h('section', { 'aria-labelledby': 'dash-uplink' }, h('h2', { id: 'dash-uplink' }, t('dashboard.uplink')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('cloud.state')), h('dd', {}, d.uplink.state),
          h('dt', {}, t('cloud.mode')), h('dd', {}, d.uplink.mode === 'manage' ? t('cloud.mode.manage')
            : t('cloud.mode.monitor')),
          h('dt', {}, t('cloud.queue')), h('dd', {}, formatNumber(d.uplink.queueDepth)),
          h('dt', {}, t('cloud.lastUpload')), h('dd', {}, formatTime(d.uplink.lastUploadAt)),
          d.uplink.lastError ? [h('dt', {}, t('cloud.lastError')), h('dd', {}, d.uplink.lastError)] : null)),
      h('section', { 'aria-labelledby': 'dash-discovery' },
        h('h2', { id: 'dash-discovery' }, t('dashboard.lastDiscovery')),
        d.lastDiscovery
          ? h('p', {}, t('dashboard.discoverySummary', {
            name: d.lastDiscovery.name, time: formatTime(d.lastDiscovery.finishedAt),
            found: formatNumber(d.lastDiscovery.found), new: formatNumber(d.lastDiscovery.new),
          }))
          : h('p', {}, t('dashboard.noDiscovery'), ' ', h('a', { href: '/discovery', 'data-link': true },
            t('nav.discovery')))));
  };
  await refresh();
  const timer = window.setInterval(() => void refresh().catch(() => undefined), 30000);
  ctx.onLeave(() => window.clearInterval(timer));
}
