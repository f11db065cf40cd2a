// One consultation: its purpose and deadline; for an invited organisation the answer form (a draft
// several staff edit, with versions, signed by one); the live results with a chart per question and
// the organisation's own answer beside the aggregate; for the consulting body the publication of
// its synthesis and feedback.
import { answerVisibilities } from '@localpact/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
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
import {
  consultation, exportUrl, formatDay, formatNumber, myResponse, publishOutcome, respondents, results, saveResponse, submitResponse,
  type AnswerValue, type Consultation, type ConsultationResponse, type ConsultationResults,
} from './api';
import './dialogue.css';

type Question = Consultation['questions'][number];
type Values = Record<string, { choice?: string[]; number?: string; text?: string }>;

export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const c = useApi(`consultation|${id}`, (s) => consultation(id, s));
  const r = useApi(`results|${id}`, (s) => results(id, s));
  const who = useApi(`respondents|${id}`, (s) => respondents(id, s));
  if (c.error) return <ErrorState error={c.error} onRetry={c.reload} />;
  if (!c.data) return <Loading />;
  const k = c.data;
  const reload = () => { c.reload(); r.reload(); who.reload(); };
  return (
    <>
      <PageTitle documentTitle={k.title}>{k.title}</PageTitle>
      <dl className="facts">
        <dt>{t('dialogue.consultations.consultingBody')}</dt><dd>{k.consultingBody.name}</dd>
        <dt>{t('dialogue.consultations.deadline')}</dt><dd>{formatDay(k.deadline, i18n.language)}</dd>
        <dt>{t('dialogue.consultations.status')}</dt><dd>{t(`dialogue.statuses.${k.status}`)}</dd>
        <dt>{t('dialogue.consultation.asked')}</dt><dd>{t('dialogue.consultation.askedWho', { kinds: k.kinds.map((x) => t(`kinds.${x}`)).join(', '), territory: k.territory.name, count: k.invited })}</dd>
        <dt>{t('dialogue.consultations.answers')}</dt><dd>{t('dialogue.consultations.answeredOf', { submitted: k.submitted, invited: k.invited })}</dd>
      </dl>
      <p className="dialogue-purpose">{k.purpose}</p>
      {k.status === 'published' && (
        <section className="section card" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t('dialogue.consultation.outcome')}</h2>
          <h3>{t('dialogue.consultation.synthesis')}</h3><p className="dialogue-purpose">{k.synthesis}</p>
          <h3>{t('dialogue.consultation.feedback')}</h3><p className="dialogue-purpose">{k.feedback}</p>
        </section>
      )}
      {k.myResponse !== null && <AnswerForm c={k} onChanged={reload} />}
      <section className="section" aria-labelledby="results-heading">
        <h2 id="results-heading">{t('dialogue.results.title')}</h2>
        {r.error ? <ErrorState error={r.error} onRetry={r.reload} /> : !r.data ? <Loading /> : <Results c={k} r={r.data} />}
        {who.data && who.data.items.length > 0 && (
          <>
            <h3>{t('dialogue.results.respondents')}</h3>
            <ul>{who.data.items.map((x) => <li key={x.organisation.id}>{x.organisation.name} — {formatDay(x.submittedAt, i18n.language)}{x.late && <strong> {t('dialogue.answer.late')}</strong>}</li>)}</ul>
          </>
        )}
        {(k.mine || k.myResponse !== null || k.status === 'published') && <p><a href={exportUrl(k.id)} download>{t('dialogue.results.export')}</a></p>}
      </section>
      {k.mine && k.status !== 'published' && <PublishForm c={k} onPublished={reload} />}
    </>
  );
}

/** Whether a question is shown given the current answers (conditions on earlier choices). */
function isShown(q: Question, all: Question[], values: Values): boolean {
  if (!q.showIf) return true;
  const target = all.find((x) => x.position === q.showIf!.question);
  return !!target && isShown(target, all, values) && (values[target.id]?.choice ?? []).includes(q.showIf.equals);
}

function toValues(resp: ConsultationResponse): Values {
  return Object.fromEntries(resp.answers.map((a) => [a.questionId, { choice: a.choice ?? undefined, number: a.number === null ? undefined : String(a.number), text: a.text ?? undefined }]));
}

function AnswerForm({ c, onChanged }: { c: Consultation; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const resp = useApi(`response|${c.id}`, (s) => myResponse(c.id, s));
  const [values, setValues] = useState<Values>({});
  const [visibility, setVisibility] = useState<string>('participants');
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<{ tone: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!resp.data) return;
    setValues(toValues(resp.data)); setVisibility(resp.data.visibility); setVersion(resp.data.version);
  }, [resp.data]);

  if (resp.error) return <ErrorState error={resp.error} onRetry={resp.reload} />;
  if (!resp.data) return <Loading />;
  const submitted = resp.data.status === 'submitted';
  const editable = !submitted && c.status === 'open';
  const set = (qid: string, v: Values[string]) => setValues((prev) => ({ ...prev, [qid]: v }));

  // Hidden and empty questions are sent without a value, which clears them.
  function answersOut(): AnswerValue[] {
    return c.questions.map((q): AnswerValue => {
      const v = values[q.id] ?? {};
      if (!isShown(q, c.questions, values)) return { questionId: q.id };
      if (q.kind === 'free_text') return v.text?.trim() ? { questionId: q.id, text: v.text } : { questionId: q.id };
      if (q.kind === 'scale' || q.kind === 'number') return v.number?.trim() ? { questionId: q.id, number: Number(v.number.replace(',', '.')) } : { questionId: q.id };
      return v.choice?.length ? { questionId: q.id, choice: v.choice } : { questionId: q.id };
    });
  }

  function showProblem(err: unknown) {
    if (err instanceof ApiError && err.status === 409) {
      setMessage({ tone: 'warning', text: t('dialogue.answer.stale') });
      resp.reload();
      return;
    }
    if (err instanceof ApiError) {
      setErrors(Object.fromEntries(err.errors.map((e) => {
        const m = /answers\.(\d+)/.exec(e.path);
        const q = m ? (e.path.startsWith('body.') ? answersOut()[Number(m[1])]?.questionId : c.questions.find((x) => x.position === Number(m[1]))?.id) : undefined;
        return [q ?? e.path, e.message];
      })));
    }
    setMessage({ tone: 'error', text: errorMessage(err, t) });
  }

  async function onSave(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setMessage(null); setErrors({});
    try {
      const saved = await saveResponse(c.id, { version, visibility, answers: answersOut() });
      resp.setData(() => saved);
      setMessage({ tone: 'success', text: t('dialogue.answer.saved', { version: saved.version }) });
      onChanged();
    } catch (err) { showProblem(err); } finally { setBusy(false); }
  }

  async function onSubmit() {
    setBusy(true); setMessage(null); setErrors({});
    try {
      const saved = await saveResponse(c.id, { version, visibility, answers: answersOut() });
      const signed = await submitResponse(c.id, saved.version);
      resp.setData(() => signed);
      setMessage({ tone: 'success', text: signed.late ? t('dialogue.answer.submittedLate') : t('dialogue.answer.submitted') });
      onChanged();
    } catch (err) { showProblem(err); resp.reload(); } finally { setBusy(false); }
  }

  return (
    <section className="section card" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t('dialogue.answer.title', { organisation: resp.data.organisation.name })}</h2>
      <p>{submitted
        ? t('dialogue.answer.submittedBy', { name: resp.data.submittedBy ?? '', when: formatDay(resp.data.submittedAt, i18n.language) }) + (resp.data.late ? ` ${t('dialogue.answer.late')}` : '')
        : t('dialogue.answer.draftIntro')}</p>
      {message && <Alert tone={message.tone}><p>{message.text}</p></Alert>}
      <form onSubmit={onSave} noValidate className="form">
        {c.questions.filter((q) => isShown(q, c.questions, values)).map((q) => (
          <QuestionInput key={q.id} q={q} value={values[q.id] ?? {}} onChange={(v) => set(q.id, v)} disabled={!editable} error={errors[q.id]} />
        ))}
        <Select name="visibility" label={t('dialogue.answer.visibility')} hint={t('dialogue.answer.visibilityHint')} value={visibility} disabled={!editable}
          onChange={(e) => setVisibility(e.target.value)} options={answerVisibilities.map((v) => ({ value: v, label: t(`dialogue.visibilities.${v}`) }))} />
        {editable && (
          <div className="form__actions">
            <Button type="submit" variant="secondary" busy={busy}>{t('dialogue.answer.save')}</Button>
            {can('consultations.sign') && <Button onClick={onSubmit} busy={busy}>{t('dialogue.answer.sign')}</Button>}
          </div>
        )}
        {editable && !can('consultations.sign') && <p className="muted">{t('dialogue.answer.needsSigner')}</p>}
      </form>
    </section>
  );
}

function QuestionInput({ q, value, onChange, disabled, error }: { q: Question; value: Values[string]; onChange: (v: Values[string]) => void; disabled: boolean; error?: string }) {
  const { t } = useTranslation();
  const label = `${q.position + 1}. ${q.prompt}${q.required ? ` (${t('dialogue.answer.requiredMark')})` : ''}`;
  const errorId = `q-${q.id}-error`;
  const err = error ? <p id={errorId} className="field__error">{error}</p> : null;
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
    const chosen = value.choice ?? [];
    return (
      <fieldset className={['fieldset', error ? 'field--error' : ''].join(' ')} aria-describedby={error ? errorId : undefined}>
        <legend>{label}</legend>
        {err}
        {q.options.map((o) => (
          <div className="checkbox" key={o}>
            <input id={`q-${q.id}-${o}`} className="checkbox__input" type={q.kind === 'single_choice' ? 'radio' : 'checkbox'} name={`q-${q.id}`} disabled={disabled} checked={chosen.includes(o)}
              onChange={(e) => onChange({ choice: q.kind === 'single_choice' ? [o] : e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o) })} />
            <label className="checkbox__label" htmlFor={`q-${q.id}-${o}`}>{o}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  if (q.kind === 'ranking') {
    const order = value.choice && value.choice.length === q.options.length ? value.choice : q.options;
    const move = (i: number, d: number) => { const next = [...order]; [next[i], next[i + d]] = [next[i + d], next[i]]; onChange({ choice: next }); };
    return (
      <fieldset className="fieldset">
        <legend>{label}</legend>
        {err}
        <ol className="dialogue-ranking">
          {order.map((o, i) => (
            <li key={o}>
              <span>{o}</span>
              <Button variant="quiet" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={t('dialogue.answer.up', { option: o })}>↑</Button>
              <Button variant="quiet" disabled={disabled || i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('dialogue.answer.down', { option: o })}>↓</Button>
            </li>
          ))}
        </ol>
        {!disabled && !value.choice && <Button variant="quiet" onClick={() => onChange({ choice: order })}>{t('dialogue.answer.keepOrder')}</Button>}
      </fieldset>
    );
  }
  if (q.kind === 'free_text') {
    return (
      <div className={['field', error ? 'field--error' : ''].join(' ')}>
        <label className="field__label" htmlFor={`q-${q.id}`}>{label}</label>
        {err}
        <textarea id={`q-${q.id}`} className="field__input" rows={4} maxLength={5000} disabled={disabled} value={value.text ?? ''} onChange={(e) => onChange({ text: e.target.value })} aria-describedby={error ? errorId : undefined} />
      </div>
    );
  }
  return (
    <TextField name={`q-${q.id}`} label={label} inputMode="decimal" disabled={disabled} value={value.number ?? ''} onChange={(e) => onChange({ number: e.target.value })} error={error}
      hint={q.kind === 'scale' ? t('dialogue.answer.scaleHint', { min: q.scaleMin, max: q.scaleMax }) : undefined} />
  );
}

function Results({ c, r }: { c: Consultation; r: ConsultationResults }) {
  const { t, i18n } = useTranslation();
  const n = (x: number, d = 1) => formatNumber(x, i18n.language, d);
  return (
    <>
      <p>{t(`dialogue.results.basis.${r.basis}`, { counted: r.counted, submitted: r.submitted, invited: r.invited })} {r.late > 0 && t('dialogue.results.late', { count: r.late })}</p>
      {r.questions.map((q, i) => {
        const max = Math.max(1, ...q.options.map((o) => o.count));
        return (
          <section key={q.questionId} className="dialogue-result" aria-labelledby={`result-${i}`}>
            <h3 id={`result-${i}`}>{`${i + 1}. ${q.prompt}`}</h3>
            <p className="muted">{t('dialogue.results.answered', { count: q.answered })}</p>
            {q.options.length > 0 && (
              <table className="table dialogue-bars">
                <caption className="visually-hidden">{t('dialogue.results.chartCaption', { n: i + 1 })}</caption>
                <thead><tr>
                  <th scope="col">{t('dialogue.results.option')}</th><th scope="col">{t('dialogue.results.count')}</th>
                  {c.weightByPopulation && <th scope="col">{t('dialogue.results.population')}</th>}
                  {q.kind === 'ranking' && <th scope="col">{t('dialogue.results.meanRank')}</th>}
                </tr></thead>
                <tbody>
                  {q.options.map((o) => {
                    const mine = q.mine?.choice?.includes(o.option);
                    return (
                      <tr key={o.option}>
                        <th scope="row">{o.option}{mine && <strong className="dialogue-mine"> {t('dialogue.results.yours')}</strong>}</th>
                        <td>
                          <span className="dialogue-bar" aria-hidden="true"><span className="dialogue-bar__fill" style={{ inlineSize: `${(o.count / max) * 100}%` }} /></span>
                          <span className="dialogue-bar__value">{n(o.count, 0)}</span>
                        </td>
                        {c.weightByPopulation && <td>{o.population === null ? '—' : n(o.population, 0)}</td>}
                        {q.kind === 'ranking' && <td>{o.meanRank === null ? '—' : n(o.meanRank, 2)}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {q.number && (
              <dl className="facts">
                <dt>{t('dialogue.results.mean')}</dt><dd>{n(q.number.mean, 2)}</dd>
                {q.number.median !== null && <><dt>{t('dialogue.results.median')}</dt><dd>{n(q.number.median, 2)}</dd></>}
                <dt>{t('dialogue.results.range')}</dt><dd>{`${n(q.number.min)} – ${n(q.number.max)}`}</dd>
                {q.number.weightedMean !== null && <><dt>{t('dialogue.results.weightedMean')}</dt><dd>{n(q.number.weightedMean, 2)}</dd></>}
                {q.mine?.number != null && <><dt>{t('dialogue.results.yourAnswer')}</dt><dd>{n(q.mine.number, 2)}</dd></>}
              </dl>
            )}
            {q.texts.length > 0 && <ul className="dialogue-texts">{q.texts.map((x, j) => <li key={j}><strong>{x.organisation}:</strong> {x.text}</li>)}</ul>}
          </section>
        );
      })}
    </>
  );
}

function PublishForm({ c, onPublished }: { c: Consultation; onPublished: () => void }) {
  const { t } = useTranslation();
  const [synthesis, setSynthesis] = useState('');
  const [feedback, setFeedback] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!synthesis.trim() || !feedback.trim()) { setFailure(t('dialogue.publish.bothNeeded')); return; }
    setBusy(true); setFailure(null);
    try { await publishOutcome(c.id, { version: c.version, synthesis, feedback }); onPublished(); } catch (err) { setFailure(errorMessage(err, t)); } finally { setBusy(false); }
  }
  return (
    <section className="section card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('dialogue.publish.title')}</h2>
      <p>{t('dialogue.publish.intro')}</p>
      {failure && <Alert tone="error"><p>{failure}</p></Alert>}
      <form onSubmit={onSubmit} noValidate className="form">
        <div className="field"><label className="field__label" htmlFor="synthesis">{t('dialogue.consultation.synthesis')}</label>
          <textarea id="synthesis" className="field__input" rows={4} value={synthesis} onChange={(e) => setSynthesis(e.target.value)} /></div>
        <div className="field"><label className="field__label" htmlFor="feedback">{t('dialogue.consultation.feedback')}</label>
          <textarea id="feedback" className="field__input" rows={4} value={feedback} onChange={(e) => setFeedback(e.target.value)} /></div>
        <div className="form__actions"><Button type="submit" busy={busy}>{t('dialogue.publish.submit')}</Button></div>
      </form>
    </section>
  );
}
