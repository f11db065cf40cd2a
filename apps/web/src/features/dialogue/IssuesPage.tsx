// Issues raised from below: what municipalities and regions asked the levels above, who supports
// it, how long it has waited, and the answer on record.
import { issueStatuses } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { answerIssue, authoritiesIn, formatDay, formatNumber, issues, raiseIssue, supportIssue, type Issue } from './api';
import './dialogue.css';

export function IssuesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [status, setStatus] = useState('');
  const list = useApi(`issues|${status}`, (s) => issues({ status: status || undefined }, s));
  const title = t('dialogue.issues.title');
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('dialogue.issues.intro')}</p>
      {can('issues.raise') && <RaiseForm onRaised={list.reload} />}
      <section className="section" aria-labelledby="issues-list">
        <h2 id="issues-list">{t('dialogue.issues.list')}</h2>
        <div className="form--filters">
          <Select name="status" label={t('dialogue.issues.status')} value={status} emptyOption={t('dialogue.issues.any')} onChange={(e) => setStatus(e.target.value)}
            options={issueStatuses.map((s) => ({ value: s, label: t(`dialogue.issueStatuses.${s}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : list.data.items.length === 0 ? <p>{t('dialogue.issues.empty')}</p> : (
          <ul className="result-list">{list.data.items.map((i) => <IssueCard key={i.id} issue={i} onChanged={list.reload} />)}</ul>
        )}
      </section>
    </>
  );
}

function IssueCard({ issue, onChanged }: { issue: Issue; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const [answer, setAnswer] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const canSupport = can('issues.raise') && issue.status === 'open' && me && issue.raisedBy.id !== me.organisation.id && !issue.supporters.some((s) => s.id === me.organisation.id);
  const canAnswer = can('issues.answer') && issue.status === 'open' && me?.organisation.id === issue.addressedTo.id;
  const act = async (f: () => Promise<unknown>) => { setFailure(null); try { await f(); onChanged(); } catch (err) { setFailure(errorMessage(err, t)); } };
  const headingId = `issue-${issue.id}`;
  return (
    <li className="card">
      <h3 id={headingId}>{issue.title}</h3>
      <p className="muted">{t('dialogue.issues.meta', { from: issue.raisedBy.name, to: issue.addressedTo.name, when: formatDay(issue.createdAt, i18n.language) })}</p>
      <p className="dialogue-purpose">{issue.body}</p>
      <p>{t(`dialogue.issueStatuses.${issue.status}`)} · {t('dialogue.issues.waiting', { days: formatNumber(issue.daysWaiting, i18n.language) })}</p>
      {issue.supporters.length > 0 && <p>{t('dialogue.issues.supporters', { names: issue.supporters.map((s) => s.name).join(', ') })}</p>}
      {issue.answer && <div className="hint-box"><p><strong>{t('dialogue.issues.answer', { from: issue.addressedTo.name })}</strong></p><p className="dialogue-purpose">{issue.answer}</p></div>}
      {failure && <Alert tone="error"><p>{failure}</p></Alert>}
      {canSupport && <Button variant="secondary" onClick={() => act(() => supportIssue(issue.id))} aria-describedby={headingId}>{t('dialogue.issues.support')}</Button>}
      {canAnswer && (
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); if (answer.trim()) void act(() => answerIssue(issue.id, answer)); }}>
          <div className="field"><label className="field__label" htmlFor={`answer-${issue.id}`}>{t('dialogue.issues.yourAnswer')}</label>
            <textarea id={`answer-${issue.id}`} className="field__input" rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} /></div>
          <div className="form__actions"><Button type="submit">{t('dialogue.issues.sendAnswer')}</Button></div>
        </form>
      )}
    </li>
  );
}

function RaiseForm({ onRaised }: { onRaised: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const country = (me?.organisation.territory.code ?? '').slice(0, 2);
  const regional = useApi(`authorities|${country}|r`, (s) => authoritiesIn(country, 'regional_authority', s));
  const national = useApi(`authorities|${country}|n`, (s) => authoritiesIn(country, 'national_authority', s));
  const [to, setTo] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const above = [...(regional.data?.items ?? []), ...(national.data?.items ?? [])].filter((o) => o.id !== me?.organisation.id);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!to) local.addressedTo = t('dialogue.editor.errors.required');
    if (!title.trim()) local.title = t('dialogue.editor.errors.required');
    if (!body.trim()) local.body = t('dialogue.editor.errors.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await raiseIssue({ addressedTo: to, title: title.trim(), body: body.trim() });
      setTitle(''); setBody(''); setMessage({ tone: 'success', text: t('dialogue.issues.raised') }); onRaised();
    } catch (err) { setMessage({ tone: 'error', text: errorMessage(err, t) }); }
  }
  return (
    <section className="section card" aria-labelledby="raise-heading">
      <h2 id="raise-heading">{t('dialogue.issues.raise')}</h2>
      {message && <Alert tone={message.tone}><p>{message.text}</p></Alert>}
      <form className="form" noValidate onSubmit={onSubmit}>
        <Select name="addressedTo" label={t('dialogue.issues.to')} value={to} emptyOption={t('dialogue.issues.chooseAuthority')} onChange={(e) => setTo(e.target.value)}
          options={above.map((o) => ({ value: o.id, label: o.name }))} error={errors.addressedTo} />
        <TextField name="issueTitle" label={t('dialogue.issues.issueTitle')} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
        <div className={['field', errors.body ? 'field--error' : ''].join(' ')}>
          <label className="field__label" htmlFor="issue-body">{t('dialogue.issues.issueBody')}</label>
          {errors.body && <p className="field__error" id="issue-body-error">{errors.body}</p>}
          <textarea id="issue-body" className="field__input" rows={4} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={errors.body ? 'issue-body-error' : undefined} />
        </div>
        <div className="form__actions"><Button type="submit">{t('dialogue.issues.send')}</Button></div>
      </form>
    </section>
  );
}
