import type { PageContext } from '../app';
import { api, ApiError } from '../api';
import { button, field, h, input, Notice, select } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import { showError } from './forms';

interface Cloud {
  state: string; mode: 'monitor' | 'manage'; registered: boolean; registration: string; origin: string;
  proxy: { host: string; port: number; user: string } | null; queueDepth: number; lastUploadAt: string | null;
  lastError: string | null; manageExpiresAt: string | null; anonymized: boolean;
}

export async function cloudPage(ctx: PageContext): Promise<void> {
  ctx.main.append(h('h1', {}, t('cloud.title')));
  let c: Cloud;
  try {
    c = await api<Cloud>('GET', '/cloud');
  } catch (e) {
    ctx.main.append(h('p', { class: 'notice' }, e instanceof ApiError && e.status === 404 ? t('app.notAvailable')
      : e instanceof Error ? e.message : String(e)));
    return;
  }
  const reload = () => { ctx.main.replaceChildren(); void cloudPage(ctx); };

  ctx.main.append(h('section', { class: 'card', 'aria-labelledby': 'cloud-state' },
    h('h2', { id: 'cloud-state' }, t('cloud.connection')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('cloud.state')), h('dd', {}, c.state),
      h('dt', {}, t('cloud.registration')), h('dd', {}, c.registration === 'managed' ? t('cloud.reg.managed')
        : c.registration === 'pending' ? t('cloud.reg.pending') : t('cloud.reg.none')),
      h('dt', {}, t('cloud.origin')), h('dd', {}, c.origin || '—'),
      h('dt', {}, t('cloud.mode')), h('dd', {}, c.mode === 'manage' ? t('cloud.mode.manage') : t('cloud.mode.monitor')),
      c.manageExpiresAt ? [h('dt', {}, t('cloud.manageUntil')), h('dd', {}, formatTime(c.manageExpiresAt))] : null,
      h('dt', {}, t('cloud.queue')), h('dd', {}, formatNumber(c.queueDepth)),
      h('dt', {}, t('cloud.lastUpload')), h('dd', {}, formatTime(c.lastUploadAt)),
      h('dt', {}, t('cloud.lastError')), h('dd', {}, c.lastError ?? '—'),
      h('dt', {}, t('cloud.anonymized')), h('dd', {}, c.anonymized ? t('app.yes') : t('app.no')))));

  // Registration
  const origin = input({ name: 'origin', type: 'url', value: c.origin ?? '', placeholder: 'https://' });
  const code = input({ name: 'accessCode', autocomplete: 'off' });
  const regNotice = new Notice();
  const reg = h('form', { class: 'card', 'aria-labelledby': 'cloud-reg', novalidate: true },
    h('h2', { id: 'cloud-reg' }, t('cloud.register')), field(t('cloud.origin'), origin),
    field(t('cloud.accessCode'), code), regNotice.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('cloud.registerButton'))));
  reg.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/cloud/register', { origin: origin.value.trim(), accessCode: code.value.trim() });
      reload();
    } catch (e) {
      showError(regNotice, e, reg);
    }
  });

  // Mode
  const mode = select([['monitor', t('cloud.mode.monitor')], ['manage', t('cloud.mode.manage')]], c.mode,
    { name: 'mode' });
  const expires = input({ name: 'expiresAt', type: 'datetime-local' });
  const modeNotice = new Notice();
  const modeForm = h('form', { class: 'card', 'aria-labelledby': 'cloud-mode', novalidate: true },
    h('h2', { id: 'cloud-mode' }, t('cloud.mode')), field(t('cloud.mode'), mode, t('cloud.modeHint')),
    field(t('cloud.manageUntil'), expires, t('cloud.manageUntilHint')), modeNotice.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('app.save'))));
  modeForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body: Record<string, string> = { mode: mode.value };
      if (mode.value === 'manage' && expires.value) body.expiresAt = new Date(expires.value).toISOString();
      await api('PUT', '/cloud/mode', body);
      reload();
    } catch (e) {
      showError(modeNotice, e, modeForm);
    }
  });

  // Proxy
  const host = input({ name: 'host', value: c.proxy?.host ?? '' });
  const port = input({ name: 'port', type: 'number', min: '1', max: '65535', value: String(c.proxy?.port ?? 3128) });
  const user = input({ name: 'user', value: c.proxy?.user ?? '', autocomplete: 'off' });
  const password = input({ name: 'password', type: 'password', autocomplete: 'new-password' });
  const proxyNotice = new Notice();
  const proxy = h('form', { class: 'card', 'aria-labelledby': 'cloud-proxy', novalidate: true },
    h('h2', { id: 'cloud-proxy' }, t('cloud.proxy')), field(t('cloud.proxyHost'), host), field(t('cloud.proxyPort'), port),
    field(t('cloud.proxyUser'), user), field(t('cloud.proxyPassword'), password, t('cloud.proxyPasswordHint')),
    proxyNotice.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('app.save')),
      button(t('cloud.proxyClear'), async () => {
        try {
          await api('PUT', '/cloud/proxy', {});
          reload();
        } catch (e) {
          showError(proxyNotice, e, proxy);
        }
      })));
  proxy.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body: Record<string, unknown> = { host: host.value.trim(), port: Number(port.value) };
      if (user.value.trim()) body.user = user.value.trim();
      if (password.value) body.password = password.value;
      await api('PUT', '/cloud/proxy', body);
      reload();
    } catch (e) {
      showError(proxyNotice, e, proxy);
    }
  });
  ctx.main.append(reg, modeForm, proxy);
}
