import type { PageContext } from '../app';
import { api, Session } from '../api';
import { button, field, h, input, Notice, select } from '../dom';
import { Key, t } from '../i18n';
import { navigate } from '../router';
import { lines, showError } from './forms';

// First run: the administrator password from the setup token, then the
// optional steps (cloud registration, proxy, connection mode, a first
// discovery setting), each of which can be skipped.
const steps: Key[] = ['setup.step.password', 'setup.step.cloud', 'setup.step.proxy', 'setup.step.mode',
  'setup.step.discovery'];

export function setupPage(ctx: PageContext): void {
  let step = 0;
  const progress = h('ol', { class: 'steps', 'aria-label': t('setup.progress') });
  const body = h('div', {});
  ctx.main.append(h('div', { class: 'card wide' }, h('h1', {}, t('setup.title')), progress, body));

  const render = () => {
    progress.replaceChildren(...steps.map((k, i) => h('li', {
      class: i < step ? 'done' : i === step ? 'current' : '', 'aria-current': i === step ? 'step' : null,
    }, t(k))));
    body.replaceChildren(forms[step]());
    body.querySelector<HTMLElement>('input, select, textarea')?.focus();
  };
  const next = () => {
    step += 1;
    if (step >= steps.length) {
      navigate('/', true);
      return;
    }
    render();
  };

  // A step form: submit runs `save`, "Skip" moves on without saving.
  const stepForm = (titleKey: Key, introKey: Key, fields: HTMLElement[], save: () => Promise<void>,
    skippable = true) => {
    const notice = new Notice();
    const submit = h('button', { type: 'submit', class: 'primary' }, t('setup.saveContinue'));
    const form = h('form', { novalidate: true }, h('h2', {}, t(titleKey)), h('p', {}, t(introKey)), ...fields,
      notice.el, h('div', { class: 'actions' }, submit, skippable ? button(t('setup.skip'), next) : null));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      notice.clear();
      submit.disabled = true;
      try {
        await save();
        next();
      } catch (e) {
        showError(notice, e, form);
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  };

  const passwordForm = () => {
    const token = input({ name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
    const password = input({ type: 'password', name: 'password', autocomplete: 'new-password', required: true });
    const confirm = input({ type: 'password', name: 'confirm', autocomplete: 'new-password', required: true });
    return stepForm('setup.step.password', 'setup.passwordIntro', [
      field(t('setup.token'), token, t('setup.tokenHint')),
      field(t('setup.password'), password, t('setup.passwordHint')),
      field(t('setup.confirm'), confirm),
    ], async () => {
      if (password.value !== confirm.value) {
        confirm.focus();
        throw new Error(t('setup.mismatch'));
      }
      await api('POST', '/auth/setup', { token: token.value.trim(), password: password.value });
      ctx.setSession(await api<Session>('POST', '/auth/login', { username: 'admin', password: password.value }));
    }, false);
  };

  const cloudForm = () => {
    const origin = input({ name: 'origin', type: 'url', placeholder: 'https://', autocomplete: 'url' });
    const code = input({ name: 'accessCode', autocomplete: 'off' });
    return stepForm('setup.step.cloud', 'setup.cloudIntro', [
      field(t('cloud.origin'), origin), field(t('cloud.accessCode'), code),
    ], async () => {
      await api('POST', '/cloud/register', { origin: origin.value.trim(), accessCode: code.value.trim() });
    });
  };

  const proxyForm = () => {
    const host = input({ name: 'host', autocomplete: 'off' });
    const port = input({ name: 'port', type: 'number', min: '1', max: '65535', value: '3128' });
    const user = input({ name: 'user', autocomplete: 'off' });
    const password = input({ name: 'password', type: 'password', autocomplete: 'new-password' });
    return stepForm('setup.step.proxy', 'setup.proxyIntro', [
      field(t('cloud.proxyHost'), host), field(t('cloud.proxyPort'), port), field(t('cloud.proxyUser'), user),
      field(t('cloud.proxyPassword'), password),
    ], async () => {
      const body: Record<string, unknown> = { host: host.value.trim(), port: Number(port.value) };
      if (user.value.trim()) {
        body.user = user.value.trim();
        body.password = password.value;
      }
      await api('PUT', '/cloud/proxy', body);
    });
  };

  const modeForm = () => {
    const mode = select([['monitor', t('cloud.mode.monitor')], ['manage', t('cloud.mode.manage')]], 'monitor',
      { name: 'mode' });
    return stepForm('setup.step.mode', 'setup.modeIntro', [field(t('cloud.mode'), mode, t('cloud.modeHint'))],
      async () => {
        await api('PUT', '/cloud/mode', { mode: mode.value });
      });
  };

  const discoveryForm = () => {
    const name = input({ name: 'name', value: t('setup.discoveryDefaultName') });
    const targets = h('textarea', { name: 'targets', rows: '3', placeholder: '192.168.1.0/24' });
    const community = input({ name: 'community', value: '', autocomplete: 'off' });
    const wsd = input({ type: 'checkbox', name: 'wsd', checked: true });
    const runNow = input({ type: 'checkbox', name: 'runNow', checked: true });
    return stepForm('setup.step.discovery', 'setup.discoveryIntro', [
      field(t('discovery.name'), name), field(t('discovery.targets'), targets, t('discovery.targetsHint')),
      field(t('discovery.community'), community, t('discovery.communityHint')),
      h('div', { class: 'check' }, wsd, h('label', { for: (wsd.id = 'setup-wsd') }, t('discovery.wsd'))),
      h('div', { class: 'check' }, runNow, h('label', { for: (runNow.id = 'setup-run') }, t('setup.runNow'))),
    ], async () => {
      const setting = await api<{ id: number }>('POST', '/discovery/settings', {
        name: name.value.trim(), targets: lines(targets.value), exclusions: [],
        credentials: community.value ? [{ version: 'v2c', community: community.value }] : [],
        wsd: wsd.checked, schedule: { times: [] }, register: 'managed',
      });
      if (runNow.checked) {
        await api('POST', `/discovery/settings/${setting.id}/run`, {});
      }
    });
  };

  const forms = [passwordForm, cloudForm, proxyForm, modeForm, discoveryForm];
  render();
}
