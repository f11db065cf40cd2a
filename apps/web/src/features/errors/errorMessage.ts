import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api/client';

/** A sentence for the user: the server's translated detail when it gave one, else a generic text. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === NETWORK_ERROR_STATUS) return t('errors.network');
    if (err.detail) return err.detail;
    if (err.status === 403) return t('errors.forbidden');
    if (err.status === 404) return t('errors.notFound');
    if (err.status === 429) return t('errors.rateLimited');
    if (err.status >= 500) return t('errors.server');
    if (err.title) return err.title;
  }
  return t('errors.unexpected');
}
