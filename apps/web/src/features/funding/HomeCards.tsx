// Home-page card for officers: the open calls that fit their organisation, the soonest deadlines first.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { HomeCard, HomeFigure, HomeFigures, HomeList } from '../../ui/HomeCard';
import { ErrorState } from '../errors/ErrorState';
import { calls, formatDay } from './api';

export function OpenCallsCard() {
  const { t, i18n } = useTranslation();
  const open = useApi('calls|fits', (s) => calls(true, s));
  const soonest = [...(open.data?.items ?? [])].sort((a, b) => a.deadline.localeCompare(b.deadline)).slice(0, 3);
  return (
    <HomeCard title={t('funding.home.title')} loading={!open.data && !open.error} error={open.error && <ErrorState error={open.error} onRetry={open.reload} />}>
      <HomeFigures>
        <HomeFigure value={open.data?.items.length ?? 0} label={t('funding.home.openLabel')} to="/funding/calls" />
      </HomeFigures>
      {soonest.length > 0 && (
        <HomeList label={t('funding.home.soonest')}>
          {soonest.map((c) => <li key={c.id}><Link to={`/funding/projects?call=${c.id}`}>{c.reference}</Link> — {t('funding.home.due', { date: formatDay(c.deadline, i18n.language), count: c.daysLeft })}</li>)}
        </HomeList>
      )}
    </HomeCard>
  );
}
