// Display names of the values the API sends.
import { Key, t } from '../i18n';

const statusKeys: Record<string, Key> = {
  online: 'status.online', sleeping: 'status.sleeping', offline: 'status.offline', error: 'status.error',
  unreachable: 'status.unreachable', idle: 'status.online', printing: 'status.printing', warning: 'status.warning',
  warmup: 'status.warmup', down: 'status.error', testing: 'status.testing', unknown: 'status.unknown',
  auth_failure: 'status.authFailure',
};
const priorityKeys: Record<string, Key> = {
  veryHigh: 'priority.veryHigh', high: 'priority.high', middle: 'priority.middle', low: 'priority.low',
};
const severityKeys: Record<string, Key> = {
  critical: 'severity.critical', warning: 'severity.warning', other: 'severity.other',
};

export function statusLabel(s: string | null | undefined): string {
  return s && statusKeys[s] ? t(statusKeys[s]) : s ?? '—';
}
export function priorityLabel(p: string | null | undefined): string {
  return p && priorityKeys[p] ? t(priorityKeys[p]) : p ?? '—';
}
export function severityLabel(s: string): string {
  return severityKeys[s] ? t(severityKeys[s]) : s;
}
export const priorities = ['veryHigh', 'high', 'middle', 'low'];
export const statuses = ['online', 'sleeping', 'offline', 'error', 'unreachable'];
