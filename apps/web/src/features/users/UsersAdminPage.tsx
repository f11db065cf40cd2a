import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import type { User } from '../../api/types';
import { useFormat } from '../../i18n';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Pagination } from '../../ui/Pagination';
import { Table, type Column } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { listUsers } from './api';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';

const PAGE_SIZE = 25;

export function UsersAdminPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const [q, setQ] = useState('');
  const [draftQ, setDraftQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const returnFocus = useRef<string | null>(null);

  const { data, error, loading, reload, setData } = useApi(`${q}|${offset}`, (signal) =>
    listUsers({ q, limit: PAGE_SIZE, offset }, signal),
  );
  const editing = editingId ? data?.items.find((u) => u.id === editingId) : undefined;

  // Closing the edit form returns focus to the row's edit button.
  useEffect(() => {
    if (!editingId && returnFocus.current) {
      document.getElementById(`edit-${returnFocus.current}`)?.focus();
      returnFocus.current = null;
    }
  }, [editingId]);

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(draftQ.trim());
    setOffset(0);
  }

  function replaceUser(user: User) {
    setData((page) => (page ? { ...page, items: page.items.map((u) => (u.id === user.id ? user : u)) } : page));
  }

  const columns: Column<User>[] = [
    { key: 'displayName', header: t('users.displayName'), rowHeader: true, cell: (u) => u.displayName },
    { key: 'email', header: t('users.email'), cell: (u) => <bdi>{u.email}</bdi> },
    { key: 'role', header: t('users.role'), cell: (u) => t(`roles.${u.role}`) },
    { key: 'organisation', header: t('users.organisation'), cell: (u) => u.organisation.name },
    {
      key: 'active',
      header: t('users.status'),
      cell: (u) => (
        <span className={u.active ? 'badge badge--ok' : 'badge badge--off'}>{u.active ? t('users.active') : t('users.inactive')}</span>
      ),
    },
    {
      key: 'lastSignInAt',
      header: t('users.lastSignIn'),
      cell: (u) => (u.lastSignInAt ? dateTime(u.lastSignInAt) : <span className="muted">{t('users.never')}</span>),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (u) => (
        <Button
          id={`edit-${u.id}`}
          variant="secondary"
          onClick={() => {
            setNotice(null);
            setEditingId(u.id);
          }}
        >
          {t('common.edit')}
          <span className="visually-hidden"> {u.displayName}</span>
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle documentTitle={t('users.title')}>{t('users.title')}</PageTitle>
      <div role="status" className={notice ? 'alert alert--success' : 'notice-area'}>
        {notice}
      </div>

      {editing && (
        <EditUserForm
          key={editing.id}
          user={editing}
          onCancel={() => {
            returnFocus.current = editing.id;
            setEditingId(null);
          }}
          onReload={reload}
          onSaved={(user) => {
            replaceUser(user);
            returnFocus.current = user.id;
            setEditingId(null);
            setNotice(t('users.saved', { name: user.displayName }));
          }}
        />
      )}

      <section aria-labelledby="users-list-heading" className="section">
        <h2 id="users-list-heading">{t('users.listHeading')}</h2>
        <form role="search" aria-label={t('users.searchLabel')} onSubmit={search} className="form form--filters">
          <TextField label={t('users.search')} type="search" value={draftQ} onChange={(e) => setDraftQ(e.target.value)} />
          <Button type="submit">{t('common.search')}</Button>
        </form>
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <Loading />
        ) : (
          <>
            <Table
              caption={t('users.caption', { count: data.total })}
              columns={columns}
              rows={data.items}
              rowKey={(u) => u.id}
              empty={t('users.empty')}
            />
            {loading && <Loading />}
            <Pagination total={data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
          </>
        )}
      </section>

      <CreateUserForm
        onCreated={(user) => {
          setNotice(t('users.created', { name: user.displayName }));
          reload();
        }}
      />
    </>
  );
}
