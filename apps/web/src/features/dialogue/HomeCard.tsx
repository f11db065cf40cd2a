// The home page's card: consultations waiting for the organisation's answer, nearest deadline
// first, from the endpoint of the consultations page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { HomeCard, HomeFigure, HomeFigures, HomeList } from '../../ui/HomeCard';
import { ErrorState } from '../errors/ErrorState';
import { consultations, formatDay } from './api';

export function ConsultationsDueCard() {
  const { t, i18n } = useTranslation();
  const list = useApi('consultations|home', (s) => consultations(s));
  const due = (list.data?.items ?? []).filter((c) => c.status === 'open' && (c.myResponse === 'not_started' || c.myResponse === 'draft'))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  return (
    <HomeCard title={t('dialogue.home.title')} loading={!list.data} error={list.error && <ErrorState error={list.error} onRetry={list.reload} />}>
      <HomeFigures>
        <HomeFigure value={due.length} label={t('dialogue.home.waiting')} to="/dialogue/consultations" tone={due.length ? 'attention' : undefined} />
      </HomeFigures>
      {due.length > 0 && (
        <HomeList label={t('dialogue.home.title')}>
          {due.slice(0, 5).map((c) => (
            <li key={c.id}>
              <Link to={`/dialogue/consultations/${c.id}`}>{c.title}</Link>
              <span className="home-list__when">{t('dialogue.home.by', { when: formatDay(c.deadline, i18n.language) })}</span>
            </li>
          ))}
        </HomeList>
      )}
    </HomeCard>
  );
}
