import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { listDuplicateReviews, resolveDuplicateReview, REVIEW_OUTCOMES, REVIEW_STATUSES, type DuplicateReview } from './api';
import './pathways.css';

/**
 * The national authority's desk: two records held by different organisations that may be the same
 * person. The organisation that registered the second one was told nothing; the reviewer sees the
 * names and dates of birth of both (each listing is an audited read) and decides.
 */
export function DuplicateReviewsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string>('open');
  const reviews = useApi(`reviews|${status}`, (signal) => listDuplicateReviews(status, signal));
  const [msg, setMsg] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));

  return (
    <>
      <PageTitle documentTitle={t('duplicateReviews.title')}>{t('duplicateReviews.title')}</PageTitle>
      <p className="muted">{t('duplicateReviews.intro')}</p>
      <div className="form form--grid">
        <Select name="reviewStatus" label={t('duplicateReviews.show')} value={status} onChange={(e) => { setMsg(null); setStatus(e.target.value); }}
          options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`duplicateReviews.statuses.${s}`) }))} />
      </div>
      {msg && <Alert tone={msg.tone} title={msg.tone === 'success' ? t('duplicateReviews.saved') : t('duplicateReviews.failed')}><p>{msg.text}</p></Alert>}
      {reviews.error ? <ErrorState error={reviews.error} /> : !reviews.data ? <Loading /> : (
        <>
          <p role="status">{t('duplicateReviews.count', { count: reviews.data.total })}</p>
          {reviews.data.items.map((r, i) => (
            <Review key={r.id} review={r} index={i + 1} date={date} onDone={(text) => { setMsg({ tone: 'success', text }); reviews.reload(); }} onFail={(text) => setMsg({ tone: 'error', text })} />
          ))}
        </>
      )}
    </>
  );
}

function Review({ review, index, date, onDone, onFail }: { review: DuplicateReview; index: number; date: (iso: string) => string; onDone: (text: string) => void; onFail: (text: string) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<string>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const h = `review-${review.id}`;
  return (
    <section className="section card" aria-labelledby={h}>
      <h2 id={h}>{t('duplicateReviews.heading', { index, date: date(review.openedAt) })}</h2>
      <table className="table">
        <caption className="visually-hidden">{t('duplicateReviews.caption')}</caption>
        <thead><tr>
          <th scope="col">{t('duplicateReviews.record')}</th><th scope="col">{t('pathways.person.name')}</th>
          <th scope="col">{t('pathways.person.birthDate')}</th><th scope="col">{t('duplicateReviews.heldBy')}</th><th scope="col">{t('duplicateReviews.registered')}</th>
        </tr></thead>
        <tbody>
          {review.people.map((p, i) => (
            <tr key={p.id}>
              <th scope="row">{i === 0 ? t('duplicateReviews.newRecord') : t('duplicateReviews.earlierRecord')}</th>
              <td><bdi>{p.givenName} {p.familyName}</bdi></td><td><bdi>{p.birthDate ?? '—'}</bdi></td><td><bdi>{p.organisation.name}</bdi></td><td>{date(p.registeredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.status !== 'open' ? (
        <p>{t(`duplicateReviews.statuses.${review.status}`)}{review.resolvedAt ? ` — ${date(review.resolvedAt)}` : ''}{review.note ? <>: <bdi>{review.note}</bdi></> : null}</p>
      ) : (
        <form className="form" noValidate onSubmit={async (e) => {
          e.preventDefault();
          if (!outcome) { setError(t('duplicateReviews.chooseOutcome')); return; }
          setError(null); setBusy(true);
          try {
            await resolveDuplicateReview(review.id, { outcome, note: note.trim() || null, version: review.version });
            onDone(t(`duplicateReviews.statuses.${outcome}`));
          } catch (err) { onFail(errorMessage(err, t)); } finally { setBusy(false); }
        }}>
          <fieldset className="checkbox-group" aria-describedby={error ? `${h}-error` : undefined}>
            <legend>{t('duplicateReviews.decision')}</legend>
            {REVIEW_OUTCOMES.map((o) => (
              <div key={o} className="checkbox">
                <input type="radio" id={`${h}-${o}`} name={`${h}-outcome`} value={o} className="checkbox__input" checked={outcome === o} onChange={() => setOutcome(o)} />
                <label htmlFor={`${h}-${o}`} className="checkbox__label">{t(`duplicateReviews.statuses.${o}`)}</label>
              </div>
            ))}
            {error && <p id={`${h}-error`} className="field__error" role="alert">{error}</p>}
          </fieldset>
          <TextField name={`${h}-note`} label={t('duplicateReviews.note')} hint={t('duplicateReviews.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="form__actions"><Button type="submit" busy={busy}>{t('duplicateReviews.resolve')}</Button></div>
        </form>
      )}
    </section>
  );
}
