import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useFormat } from '../i18n';
import { Button } from './Button';

export interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  /** Distinguishes several paginations on one page ("Sub-territories pages"). */
  label?: string;
}

export function Pagination({ total, limit, offset, onChange, label }: PaginationProps) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pagination" aria-label={label ?? t('pagination.label')}>
      <p className="pagination__summary" aria-live="polite">
        {t('pagination.showing', { count: total, first: number(first), last: number(last), total: number(total) })}
      </p>
      {pages > 1 && (
        <div className="pagination__controls">
          <Button variant="secondary" disabled={page <= 1} onClick={() => onChange(Math.max(0, offset - limit))}>
            <span aria-hidden="true" className="pagination__arrow">‹ </span>
            {t('pagination.previous')}
          </Button>
          <span className="pagination__page">{t('pagination.page', { page: number(page), pages: number(pages) })}</span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
            {t('pagination.next')}
            <span aria-hidden="true" className="pagination__arrow"> ›</span>
          </Button>
        </div>
      )}
    </nav>
  );
}

/**
 * The page offset kept in the URL (`?offset=`), so that a page of results can be bookmarked and
 * the browser's back button returns to it; other query parameters are kept.
 */
export function useOffsetParam(): [number, (offset: number) => void] {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const setOffset = (next: number) => {
    const p = new URLSearchParams(params);
    if (next > 0) p.set('offset', String(next));
    else p.delete('offset');
    setParams(p);
  };
  return [offset, setOffset];
}
