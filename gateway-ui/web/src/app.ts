// The console's shell: start-up (first run, login or session), the page
// frame with navigation and the language switch, and the routes.
import { api, ApiError, Session, setSession, whenUnauthenticated } from './api';
import { button, clear, h, select } from './dom';
import { Key, language, languages, setLanguage, t } from './i18n';
import { dispatch, navigate, otherwise, route, startRouter } from './router';
import { aboutPage } from './pages/about';
import { auditPage } from './pages/audit';
import { tasksPage } from './pages/tasks';
import { cloudPage } from './pages/cloud';
import { dashboardPage } from './pages/dashboard';
import { devicePage } from './pages/device';
import { devicesPage } from './pages/devices';
import { discoveryPage } from './pages/discovery';
import { loginPage } from './pages/login';
import { pollingPage } from './pages/polling';
import { securityPage } from './pages/security';
import { setupPage } from './pages/setup';

export interface PageContext {
  main: HTMLElement;
  params: string[];
  // Called when the page is left: stop timers, close requests.
  onLeave(cleanup: () => void): void;
  session: Session | null;
  setSession(s: Session | null): void;
}
type Page = (ctx: PageContext) => void | Promise<void>;

let session: Session | null = null;
let cleanups: (() => void)[] = [];
let passwordSet = true;
let navigated = false;
const root = () => document.getElementById('app') as HTMLElement;

const nav: [string, Key][] = [
  ['/', 'nav.dashboard'], ['/devices', 'nav.devices'], ['/discovery', 'nav.discovery'], ['/polling', 'nav.polling'],
  ['/cloud', 'nav.cloud'], ['/tasks', 'nav.tasks'], ['/security', 'nav.security'], ['/audit', 'nav.audit'], ['/about', 'nav.about'],
];

function languageSwitch(): HTMLElement {
  const s = select(languages, language(), { id: 'language', 'aria-label': t('app.language') });
  s.addEventListener('change', () => {
    setLanguage(s.value);
    dispatch();
  });
  return h('div', { class: 'language' }, h('label', { for: 'language', class: 'sr-only' }, t('app.language')), s);
}

function frame(withNav: boolean): HTMLElement {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const path = location.pathname;
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  clear(root(),
    h('a', { class: 'skip', href: '#main' }, t('app.skip')),
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, 'netgateway'),
      withNav ? h('nav', { 'aria-label': t('app.navigation') },
        h('ul', {}, nav.map(([href, key]) => h('li', {},
          h('a', { href, 'data-link': true, 'aria-current': current(href) ? 'page' : null }, t(key)))))) : null,
      h('div', { class: 'tools' }, languageSwitch(),
        withNav && session ? button(t('app.logout'), () => void logout(), { class: 'link' }) : null)),
    main);
  return main;
}

async function logout(): Promise<void> {
  try {
    await api('POST', '/auth/logout', {});
  } catch {
    // the session may already be gone; the login page follows either way
  }
  applySession(null);
  navigate('/login');
}

function applySession(s: Session | null): void {
  session = s;
  setSession(s);
}

function show(page: Page, needsSession: boolean, params: string[]): void {
  for (const c of cleanups) c();
  cleanups = [];
  if (!passwordSet && page !== setupPage) {
    navigate('/setup', true);
    return;
  }
  if (needsSession && !session) {
    navigate(`/login?next=${encodeURIComponent(location.pathname)}`, true);
    return;
  }
  const main = frame(needsSession);
  document.title = 'netgateway';
  const ctx: PageContext = {
    main, params, session,
    onLeave: (c) => cleanups.push(c),
    setSession: (s) => {
      applySession(s);
      passwordSet = true;
    },
  };
  Promise.resolve(page(ctx)).catch((e: unknown) => {
    main.append(h('p', { class: 'notice error', role: 'alert' },
      e instanceof ApiError ? e.message : t('app.unexpected')));
  });
  const heading = main.querySelector('h1');
  if (heading) document.title = `${heading.textContent} – netgateway`;
  // After a navigation, keyboard and screen-reader users start at the new
  // page's content unless the page put the focus on a field itself.
  if (navigated && !main.contains(document.activeElement)) main.focus();
  navigated = true;
}

export function startApp(): void {
  setLanguage(language());
  whenUnauthenticated(() => {
    applySession(null);
    navigate(`/login?next=${encodeURIComponent(location.pathname)}`, true);
  });
  route('/setup', (p) => show(setupPage, false, p));
  route('/login', (p) => show(loginPage, false, p));
  route('/', (p) => show(dashboardPage, true, p));
  route('/devices', (p) => show(devicesPage, true, p));
  route('/devices/:id', (p) => show(devicePage, true, p));
  route('/discovery', (p) => show(discoveryPage, true, p));
  route('/polling', (p) => show(pollingPage, true, p));
  route('/cloud', (p) => show(cloudPage, true, p));
  route('/security', (p) => show(securityPage, true, p));
  route('/tasks', (p) => show(tasksPage, true, p));
  route('/audit', (p) => show(auditPage, true, p));
  route('/about', (p) => show(aboutPage, true, p));
  otherwise(() => show(notFoundPage, true, []));
  startRouter();
  void boot();
}

function notFoundPage(ctx: PageContext): void {
  ctx.main.append(h('h1', {}, t('app.notFound')), h('p', {}, h('a', { href: '/', 'data-link': true }, t('nav.dashboard'))));
}

async function boot(): Promise<void> {
  try {
    const setup = await api<{ passwordSet: boolean }>('GET', '/auth/setup');
    passwordSet = setup.passwordSet;
    if (passwordSet) {
      try {
        applySession(await api<Session>('GET', '/auth/session'));
      } catch {
        applySession(null);
      }
    }
  } catch (e) {
    clear(root(), h('p', { class: 'notice error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
    return;
  }
  if (!passwordSet) {
    navigate('/setup', true);
    return;
  }
  if (location.pathname === '/setup' || (location.pathname === '/login' && session)) {
    navigate('/', true);
    return;
  }
  dispatch();
}
