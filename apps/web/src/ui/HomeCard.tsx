// A card of the home page ("what needs me today"): a heading, a few figures each linking to the page
// that lists them, and what is due. Features write their cards with these parts (Feature.home).
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Loading } from './Loading';

export function HomeCard({ title, children, loading, error }: { title: string; children?: ReactNode; loading?: boolean; error?: ReactNode }) {
  const id = useId();
  return (
    <section className="card home-card" aria-labelledby={id}>
      <h2 id={id} className="home-card__title">{title}</h2>
      {error ?? (loading ? <Loading /> : children)}
    </section>
  );
}

/** The card's figures: each a number and what it counts, the whole line a link to the page listing them. */
export function HomeFigures({ children, label }: { children: ReactNode; label?: string }) {
  return <ul className="home-figures" aria-label={label}>{children}</ul>;
}

/** `to` omitted: the figure's items are listed below it on the card itself. */
export function HomeFigure({ value, label, to, tone }: { value: ReactNode; label: string; to?: string; tone?: 'attention' }) {
  const inner = <><span className="home-figure__value">{value}</span> <span className="home-figure__label">{label}</span></>;
  return (
    <li className={tone === 'attention' ? 'home-figure home-figure--attention' : 'home-figure'}>
      {to ? <Link to={to} className="home-figure__link">{inner}</Link> : <span className="home-figure__link home-figure__link--plain">{inner}</span>}
    </li>
  );
}

/** What is due, soonest first: a short list of links with their dates. */
export function HomeList({ children, label }: { children: ReactNode; label: string }) {
  return <ul className="home-list" aria-label={label}>{children}</ul>;
}
