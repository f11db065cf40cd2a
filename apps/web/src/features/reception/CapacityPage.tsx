// A municipality's capacity: one row per resource type, an edit form (versioned: a stale save
// shows the current values), the history chart, CSV upload (template with the current figures,
// preview before → after, confirm), exports.
// Updates live when anyone changes these figures.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { capacityOf, confirmCsv, declare, historyOf, previewCsv, resourceLabel, resourceTypes, templateUrl, type CapacityDeclaration, type CapacityPreview } from './api';
import { HistoryChart } from './HistoryChart';
import { useLiveEvents, useThrottledReload } from './live';
import './reception.css';

export function CapacityPage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const organisationId = params.organisationId ?? me?.organisation.id ?? '';
  const at = search.get('at');
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const data = useApi(`${organisationId}|${at ?? ''}`, (s) => capacityOf(organisationId, at, s));
  const [editing, setEditing] = useState<CapacityDeclaration | null>(null);
  const [chartResource, setChartResource] = useState('emergency_beds');
  const history = useApi(`${organisationId}|${chartResource}|${data.data?.items.map((i) => i.version).join(',') ?? ''}`, (s) => historyOf(organisationId, chartResource, s));
  const [notice, setNotice] = useState<string | null>(null);
  const reload = useThrottledReload(data.reload);
  useLiveEvents(['capacity.'], (e) => { if (!at && e.payload.organisationId === organisationId) reload(); });
  const label = (code: string) => resourceLabel(types.data?.items, code, i18n.language);
  const canWrite = can('shared.write') && !at;
  const [draftAt, setDraftAt] = useState(at ?? '');
  useEffect(() => setDraftAt(at ?? ''), [at]);

  if (data.error) return (<><PageTitle documentTitle={t('reception.capacity.title')}>{t('reception.capacity.title')}</PageTitle><ErrorState error={data.error} onRetry={data.reload} /></>);
  if (!data.data) return (<><PageTitle documentTitle={t('reception.capacity.title')}>{t('reception.capacity.title')}</PageTitle><Loading /></>);
  const cap = data.data;
  const title = t('reception.capacity.titleOf', { name: cap.organisation.name });

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('reception.capacity.intro')}</p>
      <form className="form form--inline" onSubmit={(e) => { e.preventDefault(); const p = new URLSearchParams(search); if (draftAt) p.set('at', draftAt); else p.delete('at'); setSearch(p); }}>
        <TextField label={t('reception.capacity.asOf')} hint={t('reception.capacity.asOfHint')} type="date" value={draftAt} onChange={(e) => setDraftAt(e.target.value)} name="at" />
        <Button type="submit" variant="secondary">{t('reception.capacity.show')}</Button>
      </form>
      {at && <Alert tone="info">{t('reception.capacity.pastView', { date: at })}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <Table
        caption={at ? t('reception.capacity.captionPast', { date: at }) : t('reception.capacity.caption')}
        columns={[
          { key: 'resource', header: t('reception.capacity.resource'), rowHeader: true, cell: (d: CapacityDeclaration) => label(d.resource) },
          { key: 'unit', header: t('reception.capacity.unit'), cell: (d) => t(`reception.units.${d.unit}`) },
          { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (d) => d.total },
          { key: 'occupied', header: t('reception.capacity.occupied'), numeric: true, cell: (d) => d.occupied },
          { key: 'reserved', header: t('reception.capacity.reserved'), numeric: true, cell: (d) => d.reserved },
          { key: 'free', header: t('reception.capacity.free'), numeric: true, cell: (d) => <span data-testid={`free-${d.resource}`}>{d.free}</span> },
          ...(canWrite ? [{ key: 'edit', header: t('common.actions'), cell: (d: CapacityDeclaration) => (
            <Button variant="secondary" onClick={() => { setEditing(d); setNotice(null); }} aria-label={t('reception.capacity.editOne', { resource: label(d.resource) })}>{t('common.edit')}</Button>
          ) }] : []),
        ]}
        rows={cap.items}
        rowKey={(d) => d.resource}
      />
      {editing && canWrite && (
        <EditForm
          key={editing.resource + editing.version}
          declaration={cap.items.find((i) => i.resource === editing.resource) ?? editing}
          label={label(editing.resource)}
          onDone={(msg) => { setEditing(null); setNotice(msg); data.reload(); }}
          onCancel={() => setEditing(null)}
          onStale={() => data.reload()}
          organisationId={organisationId}
        />
      )}

      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('reception.history.title')}</h2>
        <Select label={t('reception.capacity.resource')} value={chartResource} onChange={(e) => setChartResource(e.target.value)}
          options={(types.data?.items ?? []).map((r) => ({ value: r.code, label: label(r.code) }))} />
        {history.data ? <HistoryChart points={history.data.items} title={t('reception.history.chartTitle', { resource: label(chartResource) })} /> : history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : <Loading />}
      </section>

      {canWrite && <CsvUpload organisationId={organisationId} label={label} onDone={(n) => { setNotice(t('reception.csv.done', { count: n })); data.reload(); }} />}

      <section className="section" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('reception.exports.title')}</h2>
        <ul>
          <li><a href={`/api/reception/capacity/export?format=csv&territory=${encodeURIComponent(cap.organisation.territoryCode)}`}>{t('reception.exports.capacityCsv')}</a></li>
          <li><a href={`/api/reception/capacity/export?format=json&territory=${encodeURIComponent(cap.organisation.territoryCode)}`}>{t('reception.exports.capacityJson')}</a></li>
        </ul>
      </section>
    </>
  );
}

function EditForm({ declaration, label, organisationId, onDone, onCancel, onStale }: {
  declaration: CapacityDeclaration; label: string; organisationId: string; onDone: (msg: string) => void; onCancel: () => void; onStale: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ total: String(declaration.total), occupied: String(declaration.occupied), reserved: String(declaration.reserved) });
  const [version, setVersion] = useState(declaration.version);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [stale, setStale] = useState<CapacityDeclaration | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setErrors({}); setProblem(null);
    try {
      const toInt = (s: string) => (s.trim() === '' ? NaN : Number(s));
      await declare(organisationId, declaration.resource, { total: toInt(values.total), occupied: toInt(values.occupied), reserved: toInt(values.reserved), version });
      onDone(t('reception.capacity.saved', { resource: label }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone else saved first: show their values; saving again applies yours on top of them.
        setStale(declaration);
        setProblem(err.detail ?? err.title);
        onStale();
      } else if (err instanceof ApiError) { setErrors(err.fieldErrors()); setProblem(err.errors.map((x) => `${x.path.replace(/^body\./, '')}: ${x.message}`).join(' · ') || err.title); }
      else setProblem(String(err));
    } finally { setBusy(false); }
  }, [values, version, declaration, organisationId, label, onDone, onStale, t]);
  useEffect(() => { if (stale && declaration.version !== version) setVersion(declaration.version); }, [declaration.version, stale, version]);
  return (
    <form className="form section card" onSubmit={submit} aria-labelledby="edit-heading" noValidate>
      <h2 id="edit-heading">{t('reception.capacity.editTitle', { resource: label })}</h2>
      {problem && (
        <Alert tone="error" title={stale ? t('reception.capacity.staleTitle') : t('errors.title')}>
          <p>{problem}</p>
          {stale && <p>{t('reception.capacity.current', { total: declaration.total, occupied: declaration.occupied, reserved: declaration.reserved })}</p>}
        </Alert>
      )}
      <div className="form--grid">
        <TextField label={t('reception.capacity.total')} name="total" type="number" min={0} inputMode="numeric" value={values.total} error={errors.total} onChange={(e) => setValues({ ...values, total: e.target.value })} />
        <TextField label={t('reception.capacity.occupied')} name="occupied" type="number" min={0} inputMode="numeric" value={values.occupied} error={errors.occupied} onChange={(e) => setValues({ ...values, occupied: e.target.value })} />
        <TextField label={t('reception.capacity.reserved')} name="reserved" type="number" min={0} inputMode="numeric" value={values.reserved} error={errors.reserved} onChange={(e) => setValues({ ...values, reserved: e.target.value })} />
      </div>
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('common.save')}</Button>
        <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

/**
 * The two-step upload: the template carries the current figures; a preview lists every row of the
 * file (before → after, unchanged rows marked, errors per row) and what the file leaves alone; the
 * officer confirms, and exactly that is applied (a change by someone else since answers 409).
 */
function CsvUpload({ organisationId, label, onDone }: { organisationId: string; label: (code: string) => string; onDone: (n: number) => void }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [plan, setPlan] = useState<CapacityPreview | null>(null);
  const [stale, setStale] = useState<Array<{ resource: string; current: CapacityDeclaration }> | null>(null);
  async function preview(text: string) {
    setBusy(true); setProblem(null); setStale(null);
    try { setPlan(await previewCsv(organisationId, text)); setCsv(text); }
    catch (err) { setPlan(null); setProblem(err instanceof ApiError ? [err.title, ...err.errors.map((x) => x.message)].join(' — ') : String(err)); }
    finally { setBusy(false); }
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) { setProblem(t('reception.csv.chooseFile')); return; }
    await preview(await file.text());
  }
  async function confirm() {
    if (!plan || csv === null) return;
    setBusy(true); setProblem(null);
    try {
      const r = await confirmCsv(organisationId, csv, plan.versions);
      setPlan(null); setCsv(null); onDone(r.written);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && Array.isArray(err.problem.changed)) setStale(err.problem.changed as Array<{ resource: string; current: CapacityDeclaration }>);
      else setProblem(err instanceof ApiError ? [err.title, ...err.errors.map((x) => `${formatCsvPath(x.path, t)}: ${x.message}`)].join(' — ') : String(err));
    } finally { setBusy(false); }
  }
  type Row = CapacityPreview['rows'][number];
  const figure = (r: Row, k: 'total' | 'occupied' | 'reserved') => {
    const before = r.before?.[k], after = r.after?.[k];
    if (after === undefined) return before === undefined ? '—' : nf.format(before);
    if (before === undefined || before === after) return nf.format(after);
    return (
      <>
        <VisuallyHidden>{t('reception.csv.fromToSpoken', { before: nf.format(before), after: nf.format(after) })}</VisuallyHidden>
        <span aria-hidden="true" className="nowrap">{nf.format(before)} → <strong>{nf.format(after)}</strong></span>
      </>
    );
  };
  const rowErrors = plan ? [...plan.errors, ...plan.rows.flatMap((r) => r.errors)] : [];
  return (
    <section className="section" aria-labelledby="csv-heading">
      <h2 id="csv-heading">{t('reception.csv.title')}</h2>
      <p>{t('reception.csv.intro')} <a href={templateUrl(organisationId)} download>{t('reception.csv.template')}</a></p>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field">
          <label htmlFor="csv-file" className="field__label">{t('reception.csv.file')}</label>
          <input id="csv-file" name="csv" type="file" accept=".csv,text/csv" className="field__input" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPlan(null); setStale(null); }} />
        </div>
        <Button type="submit" busy={busy && !plan}>{t('reception.csv.preview')}</Button>
      </form>
      {problem && <Alert tone="error" title={t('reception.csv.failed')}><p>{problem}</p></Alert>}
      {plan && (
        <div className="reception-csv-preview" data-testid="csv-preview">
          <Table
            caption={t('reception.csv.previewCaption', { changes: plan.changes })}
            columns={[
              { key: 'resource', header: t('reception.capacity.resource'), rowHeader: true, cell: (r: Row) => (r.before ? label(r.resource) : <bdi>{r.resource}</bdi>) },
              { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (r) => figure(r, 'total') },
              { key: 'occupied', header: t('reception.capacity.occupied'), numeric: true, cell: (r) => figure(r, 'occupied') },
              { key: 'reserved', header: t('reception.capacity.reserved'), numeric: true, cell: (r) => figure(r, 'reserved') },
              { key: 'status', header: t('reception.csv.status'), cell: (r) => (
                <span className={`reception-csv-status reception-csv-status--${r.status}`} data-testid={`csv-status-${r.resource}`}>
                  {t(`reception.csv.statuses.${r.status}`)}{r.errors.length > 0 && <>: {r.errors.map((x) => x.message).join('; ')}</>}
                </span>
              ) },
            ]}
            rows={plan.rows}
            rowKey={(r) => `${r.line}`}
          />
          {plan.untouched.length > 0 && <p data-testid="csv-untouched">{t('reception.csv.untouched', { list: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(plan.untouched.map(label)) })}</p>}
          {!plan.ok && (
            <Alert tone="error" title={t('reception.csv.cannotApply')}>
              <p>{t('reception.csv.nothingWritten')}</p>
              <ul className="reception-csv-errors">
                {rowErrors.map((x) => <li key={x.path + x.message}>{formatCsvPath(x.path, t)}: {x.message}</li>)}
              </ul>
            </Alert>
          )}
          {stale && (
            <Alert tone="warning" title={t('reception.csv.staleTitle')}>
              <p>{t('reception.csv.staleText')}</p>
              <ul>{stale.map((s) => <li key={s.resource}>{t('reception.csv.staleLine', { resource: label(s.resource), total: nf.format(s.current.total), occupied: nf.format(s.current.occupied), reserved: nf.format(s.current.reserved) })}</li>)}</ul>
              <Button variant="secondary" busy={busy} onClick={() => csv !== null && void preview(csv)}>{t('reception.csv.previewAgain')}</Button>
            </Alert>
          )}
          {plan.ok && plan.changes === 0 && <Alert tone="info"><p>{t('reception.csv.noChanges')}</p></Alert>}
          <div className="form__actions">
            {plan.ok && plan.changes > 0 && !stale && <Button busy={busy} onClick={() => void confirm()}>{t('reception.csv.confirm', { changes: plan.changes })}</Button>}
            <Button variant="secondary" onClick={() => { setPlan(null); setCsv(null); setStale(null); }}>{t('common.cancel')}</Button>
          </div>
        </div>
      )}
    </section>
  );
}

function formatCsvPath(path: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const m = /^body\.csv\.line(\d+)(?:\.(\w+))?$/.exec(path);
  if (!m) return path.replace(/^body\./, '');
  // The column by its name on the page (Total, Occupied, …), not the CSV header's code.
  const column = m[2] && ['resource', 'total', 'occupied', 'reserved'].includes(m[2]) ? t(`reception.capacity.${m[2]}`) : m[2];
  return column ? t('reception.csv.lineColumn', { line: m[1], column }) : t('reception.csv.line', { line: m[1] });
}
