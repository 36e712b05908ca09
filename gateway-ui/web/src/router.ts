// History-API routing: links marked data-link and navigate() change the URL
// without a reload; the server answers every non-API path with index.html,
// so a reload or a bookmark lands on the same page.
type Handler = (params: string[]) => void;

const routes: { pattern: RegExp; handler: Handler }[] = [];
let fallback: Handler = () => undefined;

export function route(path: string, handler: Handler): void {
  const pattern = new RegExp(`^${path.replace(/:[a-z]+/g, '([^/]+)')}$`);
  routes.push({ pattern, handler });
}

export function otherwise(handler: Handler): void {
  fallback = handler;
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  dispatch();
}

export function dispatch(): void {
  const path = location.pathname;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      r.handler(m.slice(1).map(decodeURIComponent));
      return;
    }
  }
  fallback([]);
}

export function startRouter(): void {
  window.addEventListener('popstate', dispatch);
  document.addEventListener('click', (ev) => {
    const a = (ev.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    ev.preventDefault();
    navigate(a.getAttribute('href') ?? '/');
  });
}
