import type { PageContext } from '../app';
import { api } from '../api';
import { button, field, h, input, Notice } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import { showError } from './forms';

interface SessionRow { id: string; account: string; source: string; createdAt: string; lastActivity: string; current: boolean }
interface Certificate {
  subject: string; issuer: string; notBefore: string; notAfter: string; subjectAltNames: string[];
  sha256Fingerprint: string; selfSigned: boolean; keyAlgorithm: string; keyBits: number;
}
interface Settings {
  sessionInactivityMinutes: number; allowedHosts: string[]; totpEnabled: boolean;
  lockout: { maxFailures: number; lockMinutes: number };
  passwordPolicy: { minLength: number; maxLength: number; history: number };
}

function passwordField(name: string, label: string, autocomplete = 'current-password'): [HTMLElement, HTMLInputElement] {
  const el = input({ type: 'password', name, autocomplete, required: true });
  return [field(label, el), el];
}

export async function securityPage(ctx: PageContext): Promise<void> {
  ctx.main.append(h('h1', {}, t('security.title')));
  const settings = await api<Settings>('GET', '/security/settings');

  // Password
  const [curF, cur] = passwordField('currentPassword', t('security.currentPassword'));
  const next = input({ type: 'password', name: 'newPassword', autocomplete: 'new-password', required: true });
  const [confF, conf] = passwordField('confirm', t('setup.confirm'), 'new-password');
  const pwNotice = new Notice();
  const pw = h('form', { class: 'card', 'aria-labelledby': 'sec-password', novalidate: true },
    h('h2', { id: 'sec-password' }, t('security.password')), curF,
    field(t('security.newPassword'), next, t('security.policy', { min: settings.passwordPolicy.minLength,
      history: settings.passwordPolicy.history })), confF, pwNotice.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('security.change'))));
  pw.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (next.value !== conf.value) {
      pwNotice.error(t('setup.mismatch'));
      conf.focus();
      return;
    }
    try {
      const r = await api<{ sessionsEnded: number }>('POST', '/auth/password',
        { currentPassword: cur.value, newPassword: next.value });
      pwNotice.ok(t('security.changed', { count: r.sessionsEnded }));
      pw.reset();
      void loadSessions();
    } catch (e) {
      showError(pwNotice, e, pw);
    }
  });

  // Two-factor authentication
  const totpBox = h('section', { class: 'card', 'aria-labelledby': 'sec-totp' });
  const renderTotp = (enabled: boolean) => {
    const [passF, pass] = passwordField('password', t('security.passwordAgain'));
    const notice = new Notice();
    const form = h('form', { novalidate: true }, passF, notice.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: enabled ? 'danger' : 'primary' },
        enabled ? t('security.totpDisable') : t('security.totpEnable'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        if (enabled) {
          await api('POST', '/auth/totp/disable', { password: pass.value });
          renderTotp(false);
          return;
        }
        const e = await api<{ secret: string; otpauthUri: string; qrSvg: string }>('POST', '/auth/totp/enrol',
          { password: pass.value });
        enrol(e.secret, e.qrSvg);
      } catch (e) {
        showError(notice, e, form);
      }
    });
    totpBox.replaceChildren(h('h2', { id: 'sec-totp' }, t('security.totp')),
      h('p', {}, enabled ? t('security.totpOn') : t('security.totpOff')), form);
  };
  const enrol = (secret: string, svg: string) => {
    const code = input({ name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '8' });
    const notice = new Notice();
    // The QR code comes from the service as SVG; shown as an image (data: URL,
    // allowed by img-src) so none of its markup becomes part of the page.
    const img = h('img', { class: 'qr', alt: t('security.qrAlt'), width: '200', height: '200',
      src: `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}` });
    const form = h('form', { novalidate: true }, field(t('security.totpCode'), code), notice.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('security.totpConfirm'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api<{ recoveryCodes: string[] }>('POST', '/auth/totp/verify', { code: code.value.trim() });
        totpBox.replaceChildren(h('h2', { id: 'sec-totp' }, t('security.totp')), h('p', { role: 'status' },
          t('security.totpDone')), h('p', {}, t('security.recoveryCodes')),
        h('ul', { class: 'codes' }, r.recoveryCodes.map((c) => h('li', {}, h('code', {}, c)))),
        button(t('app.done'), () => renderTotp(true)));
      } catch (e) {
        showError(notice, e, form);
      }
    });
    totpBox.replaceChildren(h('h2', { id: 'sec-totp' }, t('security.totp')), h('p', {}, t('security.scan')), img,
      h('p', {}, t('security.secret'), ' ', h('code', { class: 'secret' }, secret)), form);
    code.focus();
  };
  renderTotp(settings.totpEnabled);

  // Sessions
  const sessionsBody = h('tbody', {});
  const sessNotice = new Notice();
  const loadSessions = async () => {
    const r = await api<{ sessions: SessionRow[] }>('GET', '/sessions');
    sessionsBody.replaceChildren(...r.sessions.map((s) => h('tr', {},
      h('td', {}, s.account), h('td', {}, s.source), h('td', {}, formatTime(s.createdAt)),
      h('td', {}, formatTime(s.lastActivity)),
      h('td', {}, s.current ? t('security.thisSession') : button(t('security.end'), async () => {
        try {
          await api('DELETE', `/sessions/${encodeURIComponent(s.id)}`);
          void loadSessions();
        } catch (e) {
          showError(sessNotice, e);
        }
      }, { 'aria-label': t('security.endFrom', { source: s.source }) })))));
  };
  const sessions = h('section', { class: 'card', 'aria-labelledby': 'sec-sessions' },
    h('h2', { id: 'sec-sessions' }, t('security.sessions')),
    h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('security.account')),
      h('th', { scope: 'col' }, t('security.source')), h('th', { scope: 'col' }, t('security.created')),
      h('th', { scope: 'col' }, t('security.lastActivity')), h('th', { scope: 'col' }, t('app.actions')))),
    sessionsBody), sessNotice.el);

  // Console settings
  const inactivity = input({ type: 'number', name: 'sessionInactivityMinutes', min: '1', max: '720',
    value: String(settings.sessionInactivityMinutes) });
  const hosts = input({ name: 'allowedHosts', value: settings.allowedHosts.join(', ') });
  const [setPassF, setPass] = passwordField('password', t('security.passwordAgain'));
  const setNotice = new Notice();
  const settingsForm = h('form', { class: 'card', 'aria-labelledby': 'sec-settings', novalidate: true },
    h('h2', { id: 'sec-settings' }, t('security.settings')),
    h('p', {}, t('security.lockout', { failures: settings.lockout.maxFailures, minutes: settings.lockout.lockMinutes })),
    field(t('security.inactivity'), inactivity), field(t('security.hosts'), hosts, t('security.hostsHint')), setPassF,
    setNotice.el, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('app.save'))));
  settingsForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', '/security/settings', { password: setPass.value,
        sessionInactivityMinutes: Number(inactivity.value),
        allowedHosts: hosts.value.split(',').map((s) => s.trim()).filter((s) => s) });
      setNotice.ok(t('app.saved'));
      setPass.value = '';
    } catch (e) {
      showError(setNotice, e, settingsForm);
    }
  });

  // Certificate
  const c = await api<Certificate>('GET', '/certificate');
  const pem = h('textarea', { name: 'certificate', rows: '4', spellcheck: 'false' });
  const key = h('textarea', { name: 'privateKey', rows: '4', spellcheck: 'false' });
  const [certPassF, certPass] = passwordField('password', t('security.passwordAgain'));
  const certNotice = new Notice();
  const cert = h('form', { class: 'card', 'aria-labelledby': 'sec-cert', novalidate: true },
    h('h2', { id: 'sec-cert' }, t('security.certificate')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('security.subject')), h('dd', {}, c.subject),
      h('dt', {}, t('security.issuer')), h('dd', {}, c.issuer, c.selfSigned ? ` (${t('security.selfSigned')})` : ''),
      h('dt', {}, t('security.validity')), h('dd', {}, `${formatTime(c.notBefore)} – ${formatTime(c.notAfter)}`),
      h('dt', {}, t('security.names')), h('dd', {}, (c.subjectAltNames ?? []).join(', ')),
      h('dt', {}, t('security.key')), h('dd', {}, `${c.keyAlgorithm} ${formatNumber(c.keyBits)}`),
      h('dt', {}, t('security.fingerprint')), h('dd', {}, h('code', { class: 'secret' }, c.sha256Fingerprint))),
    h('h3', {}, t('security.replaceCert')), field(t('security.certPem'), pem), field(t('security.keyPem'), key),
    certPassF, certNotice.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('security.upload'))));
  cert.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', '/certificate', { format: 'pem', certificate: pem.value, privateKey: key.value,
        password: certPass.value });
      certNotice.ok(t('security.certReplaced'));
    } catch (e) {
      showError(certNotice, e, cert);
    }
  });

  ctx.main.append(pw, totpBox, sessions, settingsForm, cert);
  await loadSessions();
}
