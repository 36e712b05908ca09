import type { PageContext } from '../app';
import { api, query } from '../api';
import { button, h } from '../dom';
import { formatNumber, formatTime, t, type Key } from '../i18n';

// The cloud's maintenance tasks (Manage mode), newest first. Read-only: tasks
// come from the cloud, never from this console.
interface Task {
  id: string; type: string; device: string; state: string; progress: number; message: string;
  receivedAt: string; finishedAt?: string | null;
}

const typeKeys: Record<string, Key> = {
  'poll-now': 'tasks.type.pollNow', snapshot: 'tasks.type.snapshot', restart: 'tasks.type.restart',
  settings: 'tasks.type.settings', 'send-file': 'tasks.type.sendFile', firmware: 'tasks.type.firmware',
};
const stateKeys: Record<string, Key> = {
  refused: 'tasks.state.refused', running: 'tasks.state.running', succeeded: 'tasks.state.succeeded',
  failed: 'tasks.state.failed',
};

export function tasksPage(ctx: PageContext): void {
  const tbody = h('tbody', {});
  const summary = h('p', { role: 'status', id: 'tasks-summary' });
  const limit = 50;
  let offset = 0;
  const prev = button(t('devices.previous'), () => { offset = Math.max(0, offset - limit); void load(); });
  const next = button(t('devices.next'), () => { offset += limit; void load(); });

  const load = async () => {
    try {
      const r = await api<{ total: number; items: Task[] }>('GET', `/tasks${query({ limit, offset })}`);
      tbody.replaceChildren(...r.items.map((task) => {
        const state = stateKeys[task.state] ? t(stateKeys[task.state]) : task.state;
        const progress = task.state === 'running' ? ` (${formatNumber(task.progress)} %)` : '';
        return h('tr', {}, h('td', {}, formatTime(task.receivedAt)),
          h('td', {}, typeKeys[task.type] ? t(typeKeys[task.type]) : task.type), h('td', {}, task.device),
          h('td', { class: `task-${task.state}` }, state + progress), h('td', {}, task.message),
          h('td', {}, task.finishedAt ? formatTime(task.finishedAt) : '–'), h('td', {}, h('code', {}, task.id)));
      }));
      summary.textContent = r.total === 0 ? t('tasks.none') : t('devices.showing', {
        from: formatNumber(offset + 1), to: formatNumber(offset + r.items.length), total: formatNumber(r.total) });
      prev.disabled = offset === 0;
      next.disabled = offset + r.items.length >= r.total;
    } catch (e) {
      summary.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  ctx.main.append(h('h1', {}, t('tasks.title')), h('p', {}, t('tasks.intro')), summary,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid tasks' }, h('thead', {}, h('tr', {},
      [t('tasks.received'), t('tasks.type'), t('tasks.device'), t('tasks.state'), t('tasks.message'),
        t('tasks.finished'), t('tasks.id')].map((c) => h('th', { scope: 'col' }, c)))), tbody)),
    h('nav', { class: 'pager', 'aria-label': t('devices.paging') }, prev, next));
  void load();
}
