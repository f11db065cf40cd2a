// The notification centre: recent events in reach (not one's own), unread first marked; each
// can be marked read, or all at once. New events appear live.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { markRead, notifications } from './api';
import { useLive, useLiveEvents, useThrottledReload } from './live';
import { formatWhen } from './NoticesPage';
import './reception.css';

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const data = useApi('notifications', (s) => notifications(s));
  const { refreshUnread } = useLive();
  const reload = useThrottledReload(data.reload);
  useLiveEvents([''], reload);
  const title = t('reception.notifications.title');
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
                      : t(`reception.events.${n.type.replace('.', '_')}`, { ...(n.payload as Record<string, unknown>), resource: String((n.payload as { declaration?: { resource?: string } }).declaration?.resource ?? '') })}
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
