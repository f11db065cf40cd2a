import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const PAGE_TITLE_ID = 'page-title';

/** The page's h1. It receives focus on route change (see Layout) and sets document.title. */
export function PageTitle({ children, documentTitle }: { children: ReactNode; documentTitle: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('layout.documentTitle', { page: documentTitle });
  }, [documentTitle, t]);
  return (
    <h1 id={PAGE_TITLE_ID} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
