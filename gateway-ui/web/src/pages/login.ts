import type { PageContext } from '../app';
import { api, ApiError, Session } from '../api';
import { field, h, input, Notice } from '../dom';
import { formatTime, t } from '../i18n';
import { navigate } from '../router';

// The lock's end as the server states it (ISO time in its message).
export function lockedUntil(e: ApiError): string | null {
  const m = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(e.message);
  return m ? m[1] : null;
}

export function loginPage(ctx: PageContext): void {
  const user = input({ name: 'username', autocomplete: 'username', value: 'admin', required: true });
  const password = input({ type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const code = input({ name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '32' });
  const codeField = field(t('login.code'), code, t('login.codeHint'));
  codeField.hidden = true;
  const notice = new Notice();
  notice.el.id = 'login-message';
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, t('login.title')),
    field(t('login.user'), user), field(t('login.password'), password), codeField, notice.el, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    notice.clear();
    if (!password.value) {
      notice.error(t('login.passwordMissing'));
      password.focus();
      return;
    }
    submit.disabled = true;
    try {
      const body: Record<string, string> = { username: user.value.trim(), password: password.value };
      if (!codeField.hidden && code.value.trim()) body.code = code.value.trim();
      const s = await api<Session>('POST', '/auth/login', body);
      ctx.setSession(s);
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'locked') {
        const until = lockedUntil(e);
        notice.error(until ? t('login.locked', { time: formatTime(until) }) : t('login.lockedNoTime'));
      } else if (e.code === 'second_factor_required') {
        codeField.hidden = false;
        notice.error(t('login.needCode'));
        code.focus();
      } else if (e.code === 'invalid_credentials') {
        notice.error(t('login.wrong'));
        password.select();
      } else if (e.code === 'setup_required') {
        navigate('/setup', true);
      } else {
        notice.error(e.message);
      }
    } finally {
      submit.disabled = false;
    }
  });
  ctx.main.append(form);
  password.focus();
}
