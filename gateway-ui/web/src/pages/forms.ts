// Shared pieces of the console's forms.
import { ApiError } from '../api';
import { Notice } from '../dom';
import { t } from '../i18n';

// Shows an API failure in a form's notice and moves the focus to the field
// the server named, so keyboard and screen-reader users land on the problem.
export function showError(notice: Notice, e: unknown, form?: HTMLElement): void {
  if (e instanceof ApiError) {
    notice.error(e.status === 404 ? t('app.notAvailable') : e.message);
    if (e.field && form) {
      const el = form.querySelector<HTMLElement>(`[name="${CSS.escape(e.field)}"]`);
      el?.setAttribute('aria-invalid', 'true');
      el?.focus();
    }
    return;
  }
  notice.error(e instanceof Error ? e.message : String(e));
}

export function lines(text: string): string[] {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s.length > 0);
}
