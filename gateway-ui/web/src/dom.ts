// A tiny element builder: the console's views are plain DOM, built by
// functions. No inline styles or handlers in markup (the console's CSP has no
// 'unsafe-inline'); events are attached as listeners.
type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]):
  HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (name === 'checked' && el instanceof HTMLInputElement) {
      el.checked = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

let idCounter = 0;
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A labelled form field: <label for> + control + optional hint, all linked
// for screen readers.
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string): HTMLElement {
  if (!control.id) control.id = uid('f');
  const wrap = h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  if (hint) {
    const hintId = uid('hint');
    control.setAttribute('aria-describedby', hintId);
    wrap.append(h('p', { class: 'hint', id: hintId }, hint));
  }
  return wrap;
}

export function input(attrs: Attrs = {}): HTMLInputElement {
  return h('input', { type: 'text', ...attrs });
}

export function select(options: [string, string][], value: string, attrs: Attrs = {}): HTMLSelectElement {
  const s = h('select', attrs, options.map(([v, label]) => h('option', { value: v }, label)));
  s.value = value;
  return s;
}

export function button(label: string, onClick: (ev: Event) => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onclick: onClick as EventListener }, label);
}

// A status line for a form: errors are announced (role=alert), successes
// politely (role=status).
export class Notice {
  readonly el = h('div', { class: 'notice', role: 'status' });
  error(text: string): void {
    this.el.className = 'notice error';
    this.el.setAttribute('role', 'alert');
    this.el.textContent = text;
  }
  ok(text: string): void {
    this.el.className = 'notice ok';
    this.el.setAttribute('role', 'status');
    this.el.textContent = text;
  }
  clear(): void {
    this.el.className = 'notice';
    this.el.textContent = '';
  }
}
