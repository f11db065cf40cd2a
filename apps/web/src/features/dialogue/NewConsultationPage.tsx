// The consultation editor: purpose, deadline, who is asked (every organisation of the chosen kinds
// within a territory), and the questionnaire (choice, scale, number, ranking, free text; a
// question may be shown only after a given answer to an earlier one).
import { organisationKindsConsulted, questionKinds, type QuestionKind } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { errorMessage } from '../errors/errorMessage';
import { openConsultation, type OpenConsultation } from './api';
import './dialogue.css';

interface Draft { kind: QuestionKind; prompt: string; options: string; required: boolean; scaleMin: string; scaleMax: string; showIf: string; showIfEquals: string }
const blank = (): Draft => ({ kind: 'single_choice', prompt: '', options: '', required: true, scaleMin: '1', scaleMax: '5', showIf: '', showIfEquals: '' });
const hasOptions = (k: QuestionKind) => k === 'single_choice' || k === 'multiple_choice' || k === 'ranking';
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** Server field paths ("body.questions.1.options") → the form's keys. */
function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
}

export function NewConsultationPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState('');
  const [deadline, setDeadline] = useState('');
  const [territory, setTerritory] = useState(me?.organisation.territory.code ?? '');
  const [kinds, setKinds] = useState<string[]>(['municipality']);
  const [weighted, setWeighted] = useState(true);
  const [questions, setQuestions] = useState<Draft[]>([blank()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = t('dialogue.editor.title');

  const update = (i: number, patch: Partial<Draft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = t('dialogue.editor.errors.required');
    if (!purpose.trim()) local.purpose = t('dialogue.editor.errors.required');
    if (!deadline) local.deadline = t('dialogue.editor.errors.required');
    questions.forEach((q, i) => { if (!q.prompt.trim()) local[`questions.${i}.prompt`] = t('dialogue.editor.errors.required'); });
    setErrors(local);
    if (Object.keys(local).length) { setFailure(t('dialogue.editor.errors.summary', { count: Object.keys(local).length })); return; }
    const body: OpenConsultation = {
      title: title.trim(), purpose: purpose.trim(), deadline: new Date(`${deadline}T23:59:00`).toISOString(), territoryCode: territory.trim(),
      kinds: kinds as OpenConsultation['kinds'], weightByPopulation: weighted,
      questions: questions.map((q) => ({
        kind: q.kind, prompt: q.prompt.trim(), required: q.required,
        ...(hasOptions(q.kind) ? { options: lines(q.options) } : {}),
        ...(q.kind === 'scale' ? { scaleMin: Number(q.scaleMin), scaleMax: Number(q.scaleMax) } : {}),
        ...(q.showIf !== '' ? { showIf: { question: Number(q.showIf), equals: q.showIfEquals } } : {}),
      })),
    };
    setBusy(true);
    try {
      const created = await openConsultation(body);
      navigate(`/dialogue/consultations/${created.id}`);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(errorMessage(err, t));
    } finally { setBusy(false); }
  }

  return (
    <>
      <PageTitle documentTitle={heading}>{heading}</PageTitle>
      <p className="lead">{t('dialogue.editor.intro')}</p>
      {failure && <Alert tone="error" title={t('dialogue.editor.failed')}><p>{failure}</p></Alert>}
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField name="title" label={t('dialogue.editor.name')} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
        <div className={['field', errors.purpose ? 'field--error' : ''].join(' ')}>
          <label className="field__label" htmlFor="purpose">{t('dialogue.editor.purpose')}</label>
          <textarea id="purpose" className="field__input" rows={4} maxLength={5000} value={purpose} onChange={(e) => setPurpose(e.target.value)} aria-invalid={errors.purpose ? true : undefined} aria-describedby={errors.purpose ? 'purpose-error' : undefined} />
          {errors.purpose && <p id="purpose-error" className="field__error">{errors.purpose}</p>}
        </div>
        <TextField name="deadline" type="date" label={t('dialogue.editor.deadline')} required value={deadline} onChange={(e) => setDeadline(e.target.value)} error={errors.deadline} />
        <fieldset className="fieldset">
          <legend>{t('dialogue.editor.who')}</legend>
          <TextField name="territory" label={t('dialogue.editor.territory')} hint={t('dialogue.editor.territoryHint')} dir="ltr" value={territory} onChange={(e) => setTerritory(e.target.value)} error={errors.territoryCode} />
          {organisationKindsConsulted.map((k) => (
            <Checkbox key={k} label={t(`kinds.${k}`)} checked={kinds.includes(k)} onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))} />
          ))}
          {errors.kinds && <p className="field__error">{errors.kinds}</p>}
          <Checkbox label={t('dialogue.editor.weighted')} checked={weighted} onChange={(e) => setWeighted(e.target.checked)} />
        </fieldset>
        <h2>{t('dialogue.editor.questions')}</h2>
        {questions.map((q, i) => (
          <fieldset key={i} className="fieldset dialogue-question">
            <legend>{t('dialogue.editor.question', { n: i + 1 })}</legend>
            <Select name={`kind-${i}`} label={t('dialogue.editor.kind')} value={q.kind} onChange={(e) => update(i, { kind: e.target.value as QuestionKind })}
              options={questionKinds.map((k) => ({ value: k, label: t(`dialogue.kinds.${k}`) }))} />
            <TextField name={`prompt-${i}`} label={t('dialogue.editor.prompt')} value={q.prompt} maxLength={1000} onChange={(e) => update(i, { prompt: e.target.value })} error={errors[`questions.${i}.prompt`]} />
            {hasOptions(q.kind) && (
              <div className={['field', errors[`questions.${i}.options`] ? 'field--error' : ''].join(' ')}>
                <label className="field__label" htmlFor={`options-${i}`}>{t('dialogue.editor.options')}</label>
                <p className="field__hint" id={`options-${i}-hint`}>{t('dialogue.editor.optionsHint')}</p>
                <textarea id={`options-${i}`} name={`options-${i}`} className="field__input" rows={3} value={q.options} onChange={(e) => update(i, { options: e.target.value })} aria-describedby={`options-${i}-hint`} />
                {errors[`questions.${i}.options`] && <p className="field__error">{errors[`questions.${i}.options`]}</p>}
              </div>
            )}
            {q.kind === 'scale' && (
              <div className="form--inline">
                <TextField name={`min-${i}`} label={t('dialogue.editor.scaleMin')} inputMode="numeric" value={q.scaleMin} onChange={(e) => update(i, { scaleMin: e.target.value })} />
                <TextField name={`max-${i}`} label={t('dialogue.editor.scaleMax')} inputMode="numeric" value={q.scaleMax} onChange={(e) => update(i, { scaleMax: e.target.value })} error={errors[`questions.${i}.scaleMax`]} />
              </div>
            )}
            <Checkbox label={t('dialogue.editor.required')} checked={q.required} onChange={(e) => update(i, { required: e.target.checked })} />
            {i > 0 && (
              <div className="form--inline">
                <Select name={`showif-${i}`} label={t('dialogue.editor.showIf')} value={q.showIf} emptyOption={t('dialogue.editor.always')} onChange={(e) => update(i, { showIf: e.target.value, showIfEquals: '' })}
                  options={questions.slice(0, i).map((_, j) => ({ value: String(j), label: t('dialogue.editor.question', { n: j + 1 }) })).filter((_, j) => hasOptions(questions[j].kind))}
                  error={errors[`questions.${i}.showIf`]} />
                {q.showIf !== '' && (
                  <Select name={`showifeq-${i}`} label={t('dialogue.editor.equals')} value={q.showIfEquals} emptyOption={t('dialogue.editor.chooseOption')} onChange={(e) => update(i, { showIfEquals: e.target.value })}
                    options={lines(questions[Number(q.showIf)]?.options ?? '').map((o) => ({ value: o, label: o }))} />
                )}
              </div>
            )}
            {questions.length > 1 && <Button variant="quiet" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>{t('dialogue.editor.remove', { n: i + 1 })}</Button>}
          </fieldset>
        ))}
        <p><Button variant="secondary" onClick={() => setQuestions((qs) => [...qs, blank()])}>{t('dialogue.editor.add')}</Button></p>
        <div className="form__actions"><Button type="submit" busy={busy}>{t('dialogue.editor.open')}</Button></div>
      </form>
    </>
  );
}
