// The notification centre: recent events in reach (not one's own), unread first marked; each
// can be marked read, or all at once. New events appear live.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { markRead, notifications, resourceLabel, resourceTypes } from './api';
import { useLive, useLiveEvents, useThrottledReload } from './live';
import { formatWhen } from './NoticesPage';
import './reception.css';

type EventPayload = Record<string, unknown> & { area?: { code: string; name: string }; resource?: string | null; declaration?: { resource?: string } };

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const data = useApi('notifications', (s) => notifications(s));
  const { refreshUnread } = useLive();
  const reload = useThrottledReload(data.reload);
  useLiveEvents([''], reload);
  const title = t('reception.notifications.title');
  // Readers of aggregates only get capacity changes by NUTS 3 region, without the organisation.
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const label = (code: string | null | undefined) => (code ? resourceLabel(types.data?.items, code, i18n.language) : '');
  const describe = (type: string, p: EventPayload) => p.area
    ? t('reception.events.capacity_changed_area', { area: p.area.name, resource: label(p.resource) })
    : t(`reception.events.${type.replace('.', '_')}`, { ...p, resource: label(p.declaration?.resource) });
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : !data.data ? <Loading /> : (
        <>
          <p aria-live="polite" data-testid="unread-count">{t('reception.notifications.unread', { count: data.data.unread })}</p>
          {data.data.unread > 0 && <Button variant="secondary" onClick={async () => { await markRead({ all: true }); data.reload(); refreshUnread(); }}>{t('reception.notifications.markAll')}</Button>}
          {data.data.items.length === 0 ? <p>{t('reception.notifications.empty')}</p> : (
            <ul className="reception-notifications">
              {data.data.items.map((n) => (
                <li key={n.id} className={n.read ? 'reception-notification' : 'reception-notification reception-notification--unread'}>
                  <p>
                    {!n.read && <strong>{t('reception.notifications.new')} </strong>}
                    {n.type.startsWith('notice.') && n.recordId
                      ? <Link to={`/reception/notices/${n.recordId}`}>{t(`reception.events.${n.type.replace('.', '_')}`, { ...(n.payload as Record<string, unknown>) })}</Link>
                      : describe(n.type, n.payload as EventPayload)}
                  </p>
                  <p className="muted">{formatWhen(n.at, i18n.language)}</p>
                  {!n.read && <Button variant="quiet" onClick={async () => { await markRead({ ids: [n.id] }); data.reload(); refreshUnread(); }}>{t('reception.notifications.markRead')}</Button>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
