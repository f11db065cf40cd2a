// The pathways cards of the home page: a case worker's day (overdue steps, statuses ending soon, new
// arrivals to open, referrals partners answered), a partner's incoming referrals, the DPO's desk.
// Figures come from the endpoints of the pages they link to.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { HomeCard, HomeFigure, HomeFigures, HomeList } from '../../ui/HomeCard';
import { ErrorState } from '../errors/ErrorState';
import { breakGlassEvents, incomingReferrals, pathwaysToday, worklist } from './api';
import { PersonName } from './labels';

const REVIEW_DAYS = 30;

function useDay() {
  const { i18n } = useTranslation();
  const f = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (iso: string) => f.format(new Date(iso));
}

export function CasesTodayCard() {
  const { t } = useTranslation();
  const day = useDay();
  const work = useApi('home-worklist', (s) => worklist({ limit: 1, offset: 0 }, s));
  const today = useApi('home-pathways-today', (s) => pathwaysToday(s));
  const error = work.error ?? today.error;
  return (
    <HomeCard title={t('homeCards.cases.title')} loading={!work.data || !today.data} error={error && <ErrorState error={error} onRetry={() => { work.reload(); today.reload(); }} />}>
      {work.data && today.data && (
        <>
          <HomeFigures>
            <HomeFigure value={work.data.counts.overdue_step} label={t('homeCards.cases.overdue', { count: work.data.counts.overdue_step })} to="/worklist?kind=overdue_step" tone={work.data.counts.overdue_step ? 'attention' : undefined} />
            <HomeFigure value={work.data.counts.status_ending} label={t('homeCards.cases.statusEnding', { count: work.data.counts.status_ending })} to="/worklist?kind=status_ending" />
            <HomeFigure value={today.data.newArrivals} label={t('homeCards.cases.newArrivals', { count: today.data.newArrivals })} to="/people" />
            <HomeFigure value={today.data.referralsAnswered.length} label={t('homeCards.cases.answered', { count: today.data.referralsAnswered.length, days: today.data.days })} />
          </HomeFigures>
          {today.data.referralsAnswered.length > 0 && (
            <HomeList label={t('homeCards.cases.answeredList')}>
              {today.data.referralsAnswered.map((r) => (
                <li key={r.id}>
                  <Link to={`/people/${r.personId}`}><PersonName person={r} /></Link>
                  <span className="home-list__when">{t(`homeCards.cases.answeredBy.${r.status}`, { partner: r.partnerOrganisation.name, date: day(r.answeredAt) })}</span>
                </li>
              ))}
            </HomeList>
          )}
          <p className="home-card__more"><Link to="/worklist">{t('homeCards.cases.openWorklist')}</Link></p>
        </>
      )}
    </HomeCard>
  );
}

export function IncomingReferralsCard() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi('home-referrals', (s) => incomingReferrals(s));
  const waiting = data?.items.filter((r) => r.status === 'sent').length ?? 0;
  return (
    <HomeCard title={t('homeCards.referrals.title')} loading={!data} error={error && <ErrorState error={error} onRetry={reload} />}>
      {data && (
        <HomeFigures>
          <HomeFigure value={waiting} label={t('homeCards.referrals.waiting', { count: waiting })} to="/referrals" tone={waiting ? 'attention' : undefined} />
          <HomeFigure value={data.items.length - waiting} label={t('homeCards.referrals.accepted', { count: data.items.length - waiting })} to="/referrals" />
        </HomeFigures>
      )}
    </HomeCard>
  );
}

export function DpoDeskCard() {
  const { t } = useTranslation();
  const day = useDay();
  const { data, error, reload } = useApi('home-glass', (s) => breakGlassEvents(s));
  const since = Date.now() - REVIEW_DAYS * 86_400_000;
  const recent = data?.items.filter((e) => new Date(e.at).getTime() >= since) ?? [];
  return (
    <HomeCard title={t('homeCards.dpo.title')} loading={!data} error={error && <ErrorState error={error} onRetry={reload} />}>
      {data && (
        <>
          <HomeFigures>
            <HomeFigure value={recent.length} label={t('homeCards.dpo.glass', { count: recent.length, days: REVIEW_DAYS })} to="/subject-requests#dpo-glass" tone={recent.length ? 'attention' : undefined} />
          </HomeFigures>
          {recent.length > 0 && (
            <HomeList label={t('homeCards.dpo.glassList')}>
              {recent.slice(0, 5).map((e) => (
                <li key={`${e.at}-${e.personId}`}>
                  <span><bdi>{e.actorEmail ?? t('homeCards.dpo.someone')}</bdi></span>
                  <span className="home-list__when">{day(e.at)}</span>
                </li>
              ))}
            </HomeList>
          )}
          <p>{t('homeCards.dpo.subjectRequests')}</p>
          <p className="home-card__more"><Link to="/subject-requests">{t('homeCards.dpo.open')}</Link> · <Link to="/audit">{t('homeCards.dpo.audit')}</Link></p>
        </>
      )}
    </HomeCard>
  );
}
