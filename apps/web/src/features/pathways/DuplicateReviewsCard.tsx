import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { openDuplicateReviewCount } from './api';

/** Home card of the national authority: duplicate reviews waiting for a decision (a count, no names). */
export function DuplicateReviewsCard() {
  const { t } = useTranslation();
  const count = useApi('duplicate-reviews-count', (signal) => openDuplicateReviewCount(signal));
  return (
    <section className="section card" aria-labelledby="home-duplicate-reviews">
      <h2 id="home-duplicate-reviews">{t('duplicateReviews.nav')}</h2>
      <p>{count.data ? t('duplicateReviews.waiting', { count: count.data.open }) : '…'}</p>
      <Link to="/duplicate-reviews">{t('duplicateReviews.open')}</Link>
    </section>
  );
}
