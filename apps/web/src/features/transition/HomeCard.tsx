import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Loading } from '../../ui/Loading';
import { projections } from './api';

/** Home page: how many statuses of the municipality end in the coming three months. */
export function TransitionHomeCard() {
  const { t } = useTranslation();
  const month = new Date().toISOString().slice(0, 7);
  const { data, error } = useApi(`transition-home|${month}`, (signal) => projections({ from: month, months: 3 }, signal));
  const n = data?.months.reduce((sum, m) => sum + (m.ending ?? 0), 0);
  return (
    <section className="card" aria-labelledby="transition-home">
      <h2 id="transition-home">{t('transition.home.title')}</h2>
      {error ? <p>{t('transition.home.unavailable')}</p> : !data ? <Loading /> : <p>{t('transition.home.ending', { n })}</p>}
      <p><Link to="/transition">{t('transition.home.open')}</Link></p>
    </section>
  );
}
