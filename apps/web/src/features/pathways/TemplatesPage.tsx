import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { DOMAINS, STEP_FOR, TEMPLATE_AUDIENCES, createTemplate, listTemplates, updateTemplate, type Template, type TemplateInput } from './api';
import { templateFieldErrors } from './forms';
import './pathways.css';

type TemplateStep = Template['steps'][number];
/** A step being edited: the numbers stay text until saved; `key` keeps React's identity and focus across moves. */
interface DraftStep { key: string; domain: TemplateStep['domain']; title: string; dueAfterDays: string; for: TemplateStep['for']; followUp: boolean }
interface Draft { name: string; audience: Template['audience']; description: string; steps: DraftStep[] }

/** Text typed by people, isolated (FSI…PDI) inside a translated sentence so it reads right in both directions. */
const isolate = (text: string) => `\u2068${text}\u2069`;

let nextKey = 0;
const newKey = () => `s${++nextKey}`;
const toDraft = (t?: Template): Draft => t
  ? { name: t.name, audience: t.audience, description: t.description ?? '', steps: t.steps.map((s) => ({ key: newKey(), domain: s.domain, title: s.title, dueAfterDays: s.dueAfterDays === null ? '' : String(s.dueAfterDays), for: s.for, followUp: !!s.followUp })) }
  : { name: '', audience: 'adult', description: '', steps: [] };
const blankStep = (): DraftStep => ({ key: newKey(), domain: 'reception_housing', title: '', dueAfterDays: '', for: 'all', followUp: false });

/** An officer keeps the organisation's pathway templates: the steps a plan starts from. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi('pathway-templates', (signal) => listTemplates(signal));
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = editingId === 'new' ? 'new' : data?.items.find((x) => x.id === editingId) ?? null;
  /** The name of the template just saved (the message is rendered in the current language). */
  const [savedName, setSavedName] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const open = (v: Template | 'new') => { setEditingId(v === 'new' ? 'new' : v.id); setSavedName(null); requestAnimationFrame(() => headingRef.current?.focus()); };
  return (
    <>
      <PageTitle documentTitle={t('pathways.templates.title')}>{t('pathways.templates.title')}</PageTitle>
      <p className="muted">{t('pathways.templates.intro')}</p>
      {savedName !== null && <Alert tone="success"><p>{t('pathways.templates.saved', { name: isolate(savedName) })}</p></Alert>}
      <section aria-labelledby="templates-list" className="section">
        <h2 id="templates-list">{t('pathways.templates.listHeading')}</h2>
        {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : (
          <Table<Template> caption={t('pathways.templates.caption', { count: data.items.length })} hideCaption rows={data.items} rowKey={(x) => x.id} empty={t('pathways.templates.empty')} columns={[
            { key: 'name', header: t('pathways.templates.name'), rowHeader: true, cell: (x) => <bdi>{x.name}</bdi> },
            { key: 'audience', header: t('pathways.templates.audience'), cell: (x) => t(`pathways.audiences.${x.audience}`) },
            { key: 'steps', header: t('pathways.templates.stepCount'), cell: (x) => t('pathways.templates.steps', { count: x.steps.length }) },
            { key: 'edit', header: t('common.actions'), cell: (x) => <Button variant="secondary" onClick={() => open(x)}>{t('common.edit')}<span className="visually-hidden"> — {x.name}</span></Button> },
          ]} />
        )}
        <p><Button onClick={() => open('new')}>{t('pathways.templates.new')}</Button></p>
      </section>
      {editing && data && (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? undefined : editing}
          headingRef={headingRef}
          onCancel={() => setEditingId(null)}
          onSaved={(saved) => { setEditingId(null); setSavedName(saved.name); reload(); }}
          onStale={reload}
        />
      )}
    </>
  );
}

function TemplateForm({ template, headingRef, onCancel, onSaved, onStale }: {
  template?: Template; headingRef: RefObject<HTMLHeadingElement | null>; onCancel: () => void; onSaved: (t: Template) => void; onStale: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(template));
  const [version, setVersion] = useState(template?.version ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const headingId = `${formId}-h`;

  const setStep = (i: number, patch: Partial<DraftStep>) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const addStep = () => { const s = blankStep(); setDraft((d) => ({ ...d, steps: [...d.steps, s] })); focusLater(`${formId}-${s.key}-domain`); };
  const removeStep = (i: number) => {
    const rest = draft.steps.filter((_, j) => j !== i);
    setDraft({ ...draft, steps: rest });
    const neighbour = rest[Math.min(i, rest.length - 1)];
    focusLater(neighbour ? `${formId}-${neighbour.key}-domain` : `${formId}-add`);
  };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= draft.steps.length) return;
    const steps = [...draft.steps];
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    setDraft({ ...draft, steps });
    // Keep the focus on the same step's button; at either end the other button takes it.
    const key = steps[j]!.key;
    const edge = (by === -1 && j === 0) || (by === 1 && j === steps.length - 1);
    focusLater(`${formId}-${key}-${edge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const errs = validateDraft(draft, t);
    setErrors(errs);
    if (Object.keys(errs).length) { setProblem({ title: t('pathways.templates.failed'), text: t('pathways.errors.summary', { count: Object.keys(errs).length }) }); return; }
    const body: TemplateInput = {
      name: draft.name.trim(), audience: draft.audience, description: draft.description.trim() || null,
      steps: draft.steps.map((s) => ({ domain: s.domain, title: s.title.trim(), dueAfterDays: s.dueAfterDays.trim() ? Number(s.dueAfterDays) : null, for: s.for, followUp: s.followUp })),
    };
    setBusy(true);
    try {
      onSaved(template ? await updateTemplate(template.id, { ...body, version }) : await createTemplate(body));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && template) {
        // Someone else saved first: the list reloads with their version; nothing is overwritten.
        setStale(true);
        setProblem({ title: t('pathways.templates.staleTitle'), text: t('pathways.templates.staleBody') });
        onStale();
      } else if (err instanceof ApiError && err.errors.length) {
        setErrors(templateFieldErrors(err));
        setProblem({ title: t('pathways.templates.failed'), text: errorMessage(err, t) });
      } else setProblem({ title: t('pathways.templates.failed'), text: errorMessage(err, t) });
    } finally { setBusy(false); }
  }

  return (
    <section aria-labelledby={headingId} className="section card">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>{template ? t('pathways.templates.editHeading', { name: isolate(template.name) }) : t('pathways.templates.newHeading')}</h2>
      {problem && (
        <Alert tone="error" title={problem.title}>
          <p>{problem.text}</p>
          {stale && <Button variant="secondary" onClick={() => { if (template) { setDraft(toDraft(template)); setVersion(template.version); } setStale(false); setProblem(null); setErrors({}); }}>{t('pathways.templates.reload')}</Button>}
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="form form--grid template-form" aria-labelledby={headingId}>
        <TextField name="templateName" label={t('pathways.templates.name')} required maxLength={200} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={errors.name} />
        <Select name="templateAudience" label={t('pathways.templates.audience')} value={draft.audience} onChange={(e) => setDraft({ ...draft, audience: e.target.value as Draft['audience'] })} error={errors.audience}
          options={TEMPLATE_AUDIENCES.map((a) => ({ value: a, label: t(`pathways.audiences.${a}`) }))} />
        <TextArea name="templateDescription" label={t('pathways.templates.description')} hint={t('pathways.templates.descriptionHint')} value={draft.description} error={errors.description} onChange={(v) => setDraft({ ...draft, description: v })} />
        <fieldset className="template-steps">
          <legend>{t('pathways.templates.stepsLegend')}</legend>
          {errors.steps && <p className="field__error">{errors.steps}</p>}
          {draft.steps.length === 0 && <p className="muted">{t('pathways.steps.empty')}</p>}
          <ol className="pathway-steps">
            {draft.steps.map((s, i) => {
              const n = i + 1;
              const id = (part: string) => `${formId}-${s.key}-${part}`;
              const err = (f: string) => errors[`steps.${i}.${f}`];
              return (
                <li key={s.key} className="pathway-step template-step">
                  <fieldset className="template-step__fields">
                    <legend className="template-step__legend">{t('pathways.templates.stepN', { n, title: isolate(s.title || t('pathways.templates.untitled')) })}</legend>
                    <Select id={id('domain')} name={`steps.${i}.domain`} label={t('pathways.steps.domain')} value={s.domain} error={err('domain')} onChange={(e) => setStep(i, { domain: e.target.value as DraftStep['domain'] })}
                      options={DOMAINS.map((d) => ({ value: d, label: t(`pathways.domains.${d}`) }))} />
                    <TextField id={id('title')} name={`steps.${i}.title`} label={t('pathways.steps.stepTitle')} required maxLength={200} value={s.title} error={err('title')} onChange={(e) => setStep(i, { title: e.target.value })} />
                    <TextField id={id('days')} name={`steps.${i}.dueAfterDays`} label={t('pathways.templates.dueAfterDays')} hint={t('pathways.templates.dueAfterDaysHint')} inputMode="numeric" value={s.dueAfterDays} error={err('dueAfterDays')} onChange={(e) => setStep(i, { dueAfterDays: e.target.value })} />
                    <Select id={id('for')} name={`steps.${i}.for`} label={t('pathways.templates.for')} value={s.for} error={err('for')} onChange={(e) => setStep(i, { for: e.target.value as DraftStep['for'] })}
                      options={STEP_FOR.map((f) => ({ value: f, label: t(`pathways.templates.forValues.${f}`) }))} />
                    <Checkbox name={`steps.${i}.followUp`} label={t('pathways.steps.followUpLabel')} checked={s.followUp} onChange={(e) => setStep(i, { followUp: e.target.checked })} />
                  </fieldset>
                  <div className="form__actions template-step__actions">
                    <Button id={id('up')} variant="secondary" disabled={i === 0} onClick={() => move(i, -1)}>{t('pathways.templates.moveUp')}<span className="visually-hidden"> — {t('pathways.templates.stepShort', { n })}</span></Button>
                    <Button id={id('down')} variant="secondary" disabled={i === draft.steps.length - 1} onClick={() => move(i, 1)}>{t('pathways.templates.moveDown')}<span className="visually-hidden"> — {t('pathways.templates.stepShort', { n })}</span></Button>
                    <Button id={id('remove')} variant="quiet" onClick={() => removeStep(i)}>{t('pathways.templates.removeStep')}<span className="visually-hidden"> — {t('pathways.templates.stepShort', { n })}</span></Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <p><Button id={`${formId}-add`} variant="secondary" onClick={addStep}>{t('pathways.steps.add')}</Button></p>
        </fieldset>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{template ? t('common.save') : t('pathways.templates.create')}</Button>
          <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}

/** What is wrong with the draft, by field path (as the server names them). */
function validateDraft(draft: Draft, t: TFunction): Record<string, string> {
  const errs: Record<string, string> = {};
  if (!draft.name.trim()) errs.name = t('pathways.errors.required');
  else if (draft.name.trim().length > 200) errs.name = t('pathways.errors.tooLong', { count: 200 });
  if (draft.description.length > 2000) errs.description = t('pathways.errors.tooLong', { count: 2000 });
  draft.steps.forEach((s, i) => {
    if (!s.title.trim()) errs[`steps.${i}.title`] = t('pathways.errors.required');
    else if (s.title.trim().length > 200) errs[`steps.${i}.title`] = t('pathways.errors.tooLong', { count: 200 });
    if (s.dueAfterDays.trim() && !(/^\d+$/.test(s.dueAfterDays.trim()) && Number(s.dueAfterDays) <= 3650)) errs[`steps.${i}.dueAfterDays`] = t('pathways.errors.days');
  });
  if (draft.steps.length > 60) errs.steps = t('pathways.errors.tooManySteps', { count: 60 });
  return errs;
}

function TextArea({ label, value, onChange, hint, name, error }: { label: string; value: string; onChange: (v: string) => void; hint?: string; name?: string; error?: string }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">{label}</label>
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field__error">{error}</p>}
      <textarea id={id} name={name} className="field__input" rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
    </div>
  );
}
