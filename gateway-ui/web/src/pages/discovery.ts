import type { PageContext } from '../app';
import { api, ApiError } from '../api';
import { button, field, h, input, Notice, select } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import { lines, showError } from './forms';

interface Credential {
  version: 'v1' | 'v2c' | 'v3'; community?: string; user?: string; authProtocol?: string; authPassword?: string;
  privProtocol?: string; privPassword?: string; context?: string;
}
interface Setting {
  id?: number; name: string; targets: string[]; exclusions: string[]; credentials: Credential[]; wsd: boolean;
  schedule: { times: string[] }; register: 'managed' | 'pending';
}
interface RunState {
  running: boolean; settingId?: number; done?: number; total?: number; found?: number; startedAt?: string;
  summary?: { found: number; new: number; moved: number; unreachable: number; nonPrinters: number;
    authFailures?: Record<string, number> };
}

const authProtocols = ['MD5', 'SHA', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];
const privProtocols = ['none', 'DES', 'AES-128', 'AES-192', 'AES-256', 'AES-192-C', 'AES-256-C'];

export async function discoveryPage(ctx: PageContext): Promise<void> {
  const listBody = h('div', {});
  const editorBox = h('div', {});
  const runBox = h('section', { class: 'card', 'aria-labelledby': 'run-title' });
  ctx.main.append(h('h1', {}, t('discovery.title')), runBox,
    h('section', { class: 'card', 'aria-labelledby': 'settings-title' },
      h('h2', { id: 'settings-title' }, t('discovery.settings')), listBody,
      button(t('discovery.add'), () => edit(null))), editorBox);

  let timer = 0;
  ctx.onLeave(() => window.clearTimeout(timer));
  const runNotice = new Notice();

  const renderRun = (r: RunState) => {
    const children: (HTMLElement | string)[] = [h('h2', { id: 'run-title' }, t('discovery.run'))];
    if (r.running) {
      const total = r.total ?? 0;
      const done = r.done ?? 0;
      children.push(
        h('label', { for: 'run-progress' }, t('discovery.progress', {
          done: formatNumber(done), total: formatNumber(total), found: formatNumber(r.found ?? 0) })),
        h('progress', { id: 'run-progress', max: String(Math.max(1, total)), value: String(done) }),
        h('p', {}, t('discovery.startedAt', { time: formatTime(r.startedAt) })),
        button(t('discovery.cancel'), async () => {
          try {
            await api('POST', '/discovery/runs/current/cancel', {});
            runNotice.ok(t('discovery.cancelled'));
            void poll();
          } catch (e) {
            showError(runNotice, e);
          }
        }, { class: 'danger' }));
    } else if (r.summary) {
      const s = r.summary;
      const failures = Object.entries(s.authFailures ?? {});
      children.push(h('p', { id: 'run-summary' }, t('discovery.summary', {
        found: formatNumber(s.found), new: formatNumber(s.new), moved: formatNumber(s.moved),
        unreachable: formatNumber(s.unreachable), nonPrinters: formatNumber(s.nonPrinters) })),
      failures.length ? h('p', {}, failures.map(([i, n]) => t('discovery.authFailures', {
        credential: Number(i) + 1, count: formatNumber(n) })).join(' · ')) : '');
    } else {
      children.push(h('p', {}, t('discovery.idle')));
    }
    children.push(runNotice.el);
    runBox.replaceChildren(...children);
  };

  const poll = async () => {
    window.clearTimeout(timer);
    try {
      const r = await api<RunState>('GET', '/discovery/runs/current');
      renderRun(r);
      timer = window.setTimeout(() => void poll(), r.running ? 1000 : 5000);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        runBox.replaceChildren(h('h2', { id: 'run-title' }, t('discovery.run')), h('p', {}, t('app.notAvailable')));
        return;
      }
      timer = window.setTimeout(() => void poll(), 5000);
    }
  };

  const loadList = async () => {
    let items: Setting[];
    try {
      items = (await api<{ items: Setting[] }>('GET', '/discovery/settings')).items;
    } catch (e) {
      listBody.replaceChildren(h('p', {}, e instanceof ApiError && e.status === 404 ? t('app.notAvailable')
        : e instanceof Error ? e.message : String(e)));
      return;
    }
    if (items.length === 0) {
      listBody.replaceChildren(h('p', {}, t('discovery.none')));
      return;
    }
    listBody.replaceChildren(h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('discovery.name')),
        h('th', { scope: 'col' }, t('discovery.targets')), h('th', { scope: 'col' }, t('discovery.schedule')),
        h('th', { scope: 'col' }, t('app.actions')))),
      h('tbody', {}, items.map((s) => h('tr', {},
        h('th', { scope: 'row' }, s.name), h('td', {}, s.targets.join(', ')),
        h('td', {}, s.schedule.times.length ? s.schedule.times.join(', ') : t('discovery.manual')),
        h('td', { class: 'actions' },
          button(t('discovery.runNow'), async () => {
            try {
              await api('POST', `/discovery/settings/${s.id}/run`, {});
              void poll();
              runBox.focus();
            } catch (e) {
              showError(runNotice, e);
            }
          }, { class: 'primary', 'aria-label': t('discovery.runNamed', { name: s.name }) }),
          button(t('app.edit'), () => edit(s), { 'aria-label': t('discovery.editNamed', { name: s.name }) }),
          button(t('app.delete'), async () => {
            if (!window.confirm(t('discovery.confirmDelete', { name: s.name }))) return;
            try {
              await api('DELETE', `/discovery/settings/${s.id}`);
              void loadList();
            } catch (e) {
              showError(runNotice, e);
            }
          }, { class: 'danger', 'aria-label': t('discovery.deleteNamed', { name: s.name }) })))))));
  };

  const credentialEditor = (c: Credential, remove: () => void) => {
    const version = select([['v1', 'SNMP v1'], ['v2c', 'SNMP v2c'], ['v3', 'SNMP v3']], c.version);
    const community = input({ value: c.community === '***' ? '' : c.community ?? '', autocomplete: 'off',
      placeholder: c.community === '***' ? t('discovery.unchanged') : '' });
    const user = input({ value: c.user ?? '', autocomplete: 'off' });
    const authProtocol = select(authProtocols.map((p): [string, string] => [p, p]), c.authProtocol ?? 'SHA-256');
    const authPassword = input({ type: 'password', autocomplete: 'new-password',
      placeholder: c.authPassword === '***' ? t('discovery.unchanged') : '' });
    const privProtocol = select(privProtocols.map((p): [string, string] => [p, p === 'none' ? t('discovery.noPrivacy') : p]),
      c.privProtocol ?? 'AES-128');
    const privPassword = input({ type: 'password', autocomplete: 'new-password',
      placeholder: c.privPassword === '***' ? t('discovery.unchanged') : '' });
    const context = input({ value: c.context ?? '', autocomplete: 'off' });
    const v12 = h('div', { class: 'inline' }, field(t('discovery.community'), community));
    const v3 = h('div', { class: 'inline' }, field(t('discovery.user'), user), field(t('discovery.authProtocol'), authProtocol),
      field(t('discovery.authPassword'), authPassword), field(t('discovery.privProtocol'), privProtocol),
      field(t('discovery.privPassword'), privPassword), field(t('discovery.context'), context));
    const sync = () => {
      v12.hidden = version.value === 'v3';
      v3.hidden = version.value !== 'v3';
    };
    version.addEventListener('change', sync);
    sync();
    const el = h('fieldset', { class: 'credential' }, h('legend', {}, t('discovery.credential')),
      field(t('discovery.version'), version), v12, v3, button(t('app.remove'), remove, { class: 'link' }));
    const value = (): Credential => version.value === 'v3'
      ? { version: 'v3', user: user.value.trim(), authProtocol: authProtocol.value, authPassword: authPassword.value || c.authPassword,
        privProtocol: privProtocol.value === 'none' ? undefined : privProtocol.value,
        privPassword: privProtocol.value === 'none' ? undefined : privPassword.value || c.privPassword,
        context: context.value.trim() || undefined }
      : { version: version.value as 'v1' | 'v2c', community: community.value || c.community };
    return { el, value };
  };

  const edit = (s: Setting | null) => {
    const setting: Setting = s ?? { name: '', targets: [], exclusions: [], credentials: [{ version: 'v2c', community: '' }],
      wsd: true, schedule: { times: [] }, register: 'managed' };
    const name = input({ name: 'name', value: setting.name, required: true });
    const targets = h('textarea', { name: 'targets', rows: '4' });
    targets.value = setting.targets.join('\n');
    const exclusions = h('textarea', { name: 'exclusions', rows: '2' });
    exclusions.value = setting.exclusions.join('\n');
    const times = input({ name: 'schedule', value: setting.schedule.times.join(', '), placeholder: '06:00, 18:00' });
    const wsd = input({ type: 'checkbox', name: 'wsd', checked: setting.wsd, id: 'disc-wsd' });
    const register = select([['managed', t('state.managed')], ['pending', t('state.pending')]], setting.register,
      { name: 'register' });
    const creds = h('div', { class: 'credentials' });
    const editors: ReturnType<typeof credentialEditor>[] = [];
    const addCred = (c: Credential) => {
      const ed = credentialEditor(c, () => {
        editors.splice(editors.indexOf(ed), 1);
        ed.el.remove();
      });
      editors.push(ed);
      creds.append(ed.el);
    };
    setting.credentials.forEach(addCred);
    const notice = new Notice();
    const form = h('form', { class: 'card', 'aria-labelledby': 'editor-title', novalidate: true },
      h('h2', { id: 'editor-title' }, s ? t('discovery.editTitle', { name: s.name }) : t('discovery.newTitle')),
      field(t('discovery.name'), name), field(t('discovery.targets'), targets, t('discovery.targetsHint')),
      field(t('discovery.exclusions'), exclusions), h('h3', {}, t('discovery.credentials')),
      h('p', { class: 'hint' }, t('discovery.credentialsHint')), creds,
      button(t('discovery.addCredential'), () => addCred({ version: 'v2c', community: '' })),
      h('div', { class: 'check' }, wsd, h('label', { for: 'disc-wsd' }, t('discovery.wsd'))),
      field(t('discovery.schedule'), times, t('discovery.scheduleHint')), field(t('discovery.register'), register),
      notice.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('app.save')),
        button(t('app.cancel'), () => editorBox.replaceChildren())));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body: Setting = { name: name.value.trim(), targets: lines(targets.value), exclusions: lines(exclusions.value),
        credentials: editors.map((e) => e.value()), wsd: wsd.checked, schedule: { times: lines(times.value) },
        register: register.value as Setting['register'] };
      try {
        if (s?.id !== undefined) await api('PUT', `/discovery/settings/${s.id}`, body);
        else await api('POST', '/discovery/settings', body);
        editorBox.replaceChildren();
        void loadList();
      } catch (e) {
        showError(notice, e, form);
      }
    });
    editorBox.replaceChildren(form);
    name.focus();
  };

  renderRun({ running: false });
  runBox.setAttribute('tabindex', '-1');
  await Promise.all([loadList(), poll()]);
}
