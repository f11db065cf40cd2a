// The home page's card: consultations waiting for the organisation's answer, nearest deadline first.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { consultations, formatDay } from './api';

export function ConsultationsDueCard() {
  const { t, i18n } = useTranslation();
  const list = useApi('consultations|home', (s) => consultations(s));
  const due = (list.data?.items ?? []).filter((c) => c.status === 'open' && (c.myResponse === 'not_started' || c.myResponse === 'draft'))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  return (
    <section className="card" aria-labelledby="home-consultations">
      <h2 id="home-consultations">{t('dialogue.home.title')}</h2>
      {!list.data ? null : due.length === 0 ? <p>{t('dialogue.home.none')}</p> : (
        <ul>{due.slice(0, 5).map((c) => <li key={c.id}><Link to={`/dialogue/consultations/${c.id}`}>{c.title}</Link> — {t('dialogue.home.by', { when: formatDay(c.deadline, i18n.language) })}</li>)}</ul>
      )}
      <p><Link to="/dialogue/consultations">{t('dialogue.home.all')}</Link></p>
    </section>
  );
}
