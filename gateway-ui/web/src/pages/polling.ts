import type { PageContext } from '../app';
import { api, ApiError } from '../api';
import { field, h, input, Notice, select } from '../dom';
import { formatNumber, t } from '../i18n';
import { showError } from './forms';
import { priorities, priorityLabel } from './labels';

interface Policy {
  policy: 'adaptive' | 'fixed'; deviceCount: number; tier: string | number;
  intervals: Record<string, { alertsMinutes: number; countersMinutes: number }>;
  retention: { countersDays: number; statusDays: number };
}

export async function pollingPage(ctx: PageContext): Promise<void> {
  ctx.main.append(h('h1', {}, t('polling.title')));
  let p: Policy;
  try {
    p = await api<Policy>('GET', '/polling/policy');
  } catch (e) {
    ctx.main.append(h('p', { class: 'notice' }, e instanceof ApiError && e.status === 404 ? t('app.notAvailable')
      : e instanceof Error ? e.message : String(e)));
    return;
  }
  const policy = select([['adaptive', t('polling.adaptive')], ['fixed', t('polling.fixed')]], p.policy,
    { name: 'policy' });
  const counters = input({ type: 'number', name: 'countersDays', min: '0', max: '3650',
    value: String(p.retention.countersDays) });
  const status = input({ type: 'number', name: 'statusDays', min: '0', max: '3650', value: String(p.retention.statusDays) });
  const notice = new Notice();
  const intervals = h('tbody', {});
  const renderIntervals = (q: Policy) => intervals.replaceChildren(...priorities.map((k) => h('tr', {},
    h('th', { scope: 'row' }, priorityLabel(k)),
    h('td', { class: 'num' }, formatNumber(q.intervals[k]?.alertsMinutes ?? 0)),
    h('td', { class: 'num' }, formatNumber(q.intervals[k]?.countersMinutes ?? 0)))));
  renderIntervals(p);
  const facts = h('p', {}, t('polling.tier', { count: formatNumber(p.deviceCount), tier: String(p.tier) }));
  const form = h('form', { class: 'card', novalidate: true },
    field(t('polling.policy'), policy, t('polling.policyHint')),
    field(t('polling.countersDays'), counters, t('polling.retentionHint')), field(t('polling.statusDays'), status),
    notice.el, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('app.save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const q = await api<Policy>('PUT', '/polling/policy', { policy: policy.value,
        retention: { countersDays: Number(counters.value), statusDays: Number(status.value) } });
      if (q?.intervals) renderIntervals(q);
      notice.ok(t('app.saved'));
    } catch (e) {
      showError(notice, e, form);
    }
  });
  ctx.main.append(form, h('section', { class: 'card', 'aria-labelledby': 'intervals' },
    h('h2', { id: 'intervals' }, t('polling.intervals')), facts,
    h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('devices.priority')),
      h('th', { scope: 'col' }, t('polling.alertsMinutes')), h('th', { scope: 'col' }, t('polling.countersMinutes')))),
    intervals)));
}
