import type { PageContext } from '../app';
import { api } from '../api';
import { h } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';

declare const __NG_VERSION__: string;

interface Status {
  version?: string; startedAt?: string; uptimeSeconds?: number; schemaVersion?: number; deviceCount?: number;
  uiPort?: number; relayPort?: number; upgrade?: { state?: string; version?: string; message?: string };
}

export async function aboutPage(ctx: PageContext): Promise<void> {
  ctx.main.append(h('h1', {}, t('about.title')));
  const s = await api<Status>('GET', '/status');
  const hours = Math.floor((s.uptimeSeconds ?? 0) / 3600);
  ctx.main.append(h('section', { class: 'card' }, h('dl', { class: 'facts' },
    h('dt', {}, t('about.serviceVersion')), h('dd', { id: 'service-version' }, s.version ?? '—'),
    h('dt', {}, t('about.consoleVersion')), h('dd', {}, __NG_VERSION__),
    h('dt', {}, t('about.started')), h('dd', {}, formatTime(s.startedAt)),
    h('dt', {}, t('about.uptime')), h('dd', {}, t('about.hours', { hours: formatNumber(hours) })),
    h('dt', {}, t('about.schema')), h('dd', {}, String(s.schemaVersion ?? '—')),
    h('dt', {}, t('about.upgrade')), h('dd', {}, s.upgrade?.state
      ? `${s.upgrade.state}${s.upgrade.version ? ` ${s.upgrade.version}` : ''}${s.upgrade.message ? ` – ${s.upgrade.message}` : ''}`
      : t('about.noUpgrade')))),
  h('section', { class: 'card', 'aria-labelledby': 'about-logs' }, h('h2', { id: 'about-logs' }, t('about.logs')),
    h('p', {}, t('about.logsHint')),
    h('a', { class: 'button', href: '/api/v1/logs/system', download: '' }, t('about.downloadLog'))));
}
