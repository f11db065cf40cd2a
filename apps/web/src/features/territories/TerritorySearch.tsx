import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TerritorySearchHit } from '../../api/types';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { searchTerritories } from './api';

/** Name search (accent-insensitive on the server) within one ancestor, e.g. the country. */
export function TerritorySearch({ within, withinName }: { within: string | null; withinName: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<TerritorySearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const page = await searchTerritories({ q: query, within, limit: 20 });
      setResults(page.items);
      setSearched(query);
    } catch (err) {
      setError(err);
      setResults(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="territory-search-heading" className="section search-panel">
      <h2 id="territory-search-heading">{t('territorySearch.heading', { name: withinName })}</h2>
      <form role="search" onSubmit={onSubmit} className="form form--inline" aria-label={t('territorySearch.heading', { name: withinName })}>
        <TextField
          label={t('territorySearch.label')}
          hint={t('territorySearch.hint')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
        <Button type="submit" busy={busy}>
          {t('territorySearch.submit')}
        </Button>
      </form>
      {error !== null && <ErrorState error={error} />}
      <div role="status" className="search-panel__status">
        {results !== null && t('territorySearch.results', { count: results.length, q: searched })}
      </div>
      {results !== null && results.length > 0 && (
        <ul className="result-list">
          {results.map((hit) => (
            <li key={hit.code}>
              <Link to={`/territories/${encodeURIComponent(hit.code)}`}>{hit.name}</Link>{' '}
              <span className="muted">
                ({t(`levels.${hit.level}`)}
                {hit.path ? <> · <bdi>{hit.path}</bdi></> : null})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
