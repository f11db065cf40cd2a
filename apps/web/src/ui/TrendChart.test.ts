// A chart over days before its history starts says "no data before <date>" instead of drawing
// zeros; a real zero is a value; no history at all says so.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import central from '../i18n/locales/en.json';
import home from '../features/home/locales/en.json';
import { TrendChart, type TrendPoint } from './TrendChart';

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: { ...central, ...home, common: central.common } } } });
});

const render = (points: TrendPoint[]) => renderToStaticMarkup(createElement(TrendChart, { title: 'Beds in use', points, format: (v: number) => `${Math.round(v * 100)} %`, max: 1 }));

describe('TrendChart', () => {
  it('marks the days before the history starts, and draws only the days with data', () => {
    const html = render([{ date: '2026-10-01', value: null }, { date: '2026-10-08', value: null }, { date: '2026-10-15', value: 0 }, { date: '2026-10-22', value: 0.6 }]);
    expect(html).toContain('No data before Oct 15, 2026.');
    expect(html.match(/<circle/g)).toHaveLength(2); // 0 is a value, drawn
    expect(html.match(/>no data</g)).toHaveLength(2); // the table says so for the two days without
  });

  it('has no gap note when the history covers the whole span', () => {
    const html = render([{ date: '2026-10-01', value: 0.2 }, { date: '2026-10-08', value: 0.3 }]);
    expect(html).not.toContain('No data before');
  });

  it('says there is no data at all rather than drawing zeros', () => {
    const html = render([{ date: '2026-10-01', value: null }, { date: '2026-10-08', value: null }]);
    expect(html).toContain('No data yet.');
    expect(html).not.toContain('<svg');
  });
});
