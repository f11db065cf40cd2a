// The unread count next to the notification centre's navigation entry. It reloads whenever a live
// event arrives or notifications are marked read (useLive().unreadBump). The visible number is
// hidden from assistive technology; the link's name carries "3 unread" instead, and a polite
// status message announces a rise of the count after the first load (not on every page). The
// status region lives outside the link (a portal), so it never becomes part of the link's name.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { unreadCount } from './api';
import { useLive } from './live';
import './reception.css';

export function UnreadBadge() {
  const { t } = useTranslation();
  const { unreadBump } = useLive();
  const { data } = useApi(`unread|${unreadBump}`, (s) => unreadCount(s));
  const previous = useRef<number | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (data === undefined) return;
    if (previous.current !== undefined && data > previous.current) setAnnouncement(t('reception.notifications.announceUnread', { count: data }));
    previous.current = data;
  }, [data, t]);
  const count = data ?? 0;
  return (
    <>
      {count > 0 && (
        <span className="nav-badge" data-testid="unread-badge">
          <span aria-hidden="true" className="nav-badge__count">{count}</span>
          <span className="visually-hidden">{t('reception.notifications.badge', { count })}</span>
        </span>
      )}
      {typeof document !== 'undefined' && createPortal(<p className="visually-hidden" role="status" data-testid="unread-announcement">{announcement}</p>, document.body)}
    </>
  );
}
