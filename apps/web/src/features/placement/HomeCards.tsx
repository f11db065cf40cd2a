// The placement card of the home page: households waiting for a placement and proposals waiting
// for a person's approval, from the endpoints of the placement page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { HomeCard, HomeFigure, HomeFigures, HomeList } from '../../ui/HomeCard';
import { ErrorState } from '../errors/ErrorState';
import { listHouseholds, listRuns } from './api';

export function PlacementTodayCard() {
  const { t, i18n } = useTranslation();
  const households = useApi('home-pending', (s) => listHouseholds('pending', s));
  const runs = useApi('home-runs', (s) => listRuns(s));
  const error = households.error ?? runs.error;
  const proposed = (runs.data?.items ?? []).filter((r) => r.status === 'proposed');
  const people = (households.data?.items ?? []).reduce((n, h) => n + h.size, 0);
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <HomeCard title={t('homeCards.placement.title')} loading={!households.data || !runs.data} error={error && <ErrorState error={error} onRetry={() => { households.reload(); runs.reload(); }} />}>
      {households.data && runs.data && (
        <>
          <HomeFigures>
            <HomeFigure value={households.data.items.length} label={t('homeCards.placement.pending', { count: households.data.items.length, people })} to="/placement" />
            <HomeFigure value={proposed.length} label={t('homeCards.placement.proposed', { count: proposed.length })} to="/placement" tone={proposed.length ? 'attention' : undefined} />
          </HomeFigures>
          {proposed.length > 0 && (
            <HomeList label={t('homeCards.placement.proposedList')}>
              {proposed.slice(0, 5).map((r) => (
                <li key={r.id}>
                  <Link to={`/placement/runs/${r.id}`}>{t('homeCards.placement.run', { territory: r.territory.name, count: r.households })}</Link>
                  <span className="home-list__when">{day.format(new Date(r.createdAt))}</span>
                </li>
              ))}
            </HomeList>
          )}
        </>
      )}
    </HomeCard>
  );
}
