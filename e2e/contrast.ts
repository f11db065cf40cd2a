/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A second accessibility check, independent of axe: the computed contrast of every visible
// interactive element (links, buttons, inputs, selects, text areas, summaries) in each state —
// normal, hover (the real mouse over it), keyboard focus (:focus-visible) and disabled (buttons and
// fields are disabled for the measurement and restored). axe passed two buttons that were white on
// white (Withdraw consent, Mark as read): it leaves elements whose background it cannot be sure of
// as "incomplete", which no test reads. This check always decides: it composites the background
// colours of the element and its ancestors over the page's white, reads every colour through a
// canvas pixel (any CSS colour syntax becomes sRGB), and measures WCAG 2.1 contrast ratios:
//   text ≥ 4.5:1 (≥ 3:1 when large: 24 px, or 18.66 px bold) in the normal, hover and focus states;
//   text of a disabled control ≥ 3:1 (WCAG exempts it; our product keeps it readable);
//   the boundary of a field (its border, or its own background) ≥ 3:1 against what is behind it
//   (WCAG 1.4.11), so an empty input is still visible.
import type { Page } from 'playwright-core';

export type ContrastState = 'normal' | 'hover' | 'focus' | 'disabled';

export interface ContrastProblem {
  state: ContrastState;
  element: string;
  text: string;
  ratio: number;
  needed: number;
  colours: string;
}

interface Measured {
  i: number;
  problems: Omit<ContrastProblem, 'state'>[];
  /** Same tag, classes, colours and context: hovering one of them tells for all. */
  signature: string;
}

/** Installs the measuring functions in the page (idempotent) and numbers the interactive elements. */
async function install(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __contrast?: unknown };
    const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const cache = new Map<string, [number, number, number, number]>();
    /** Any CSS colour as sRGB 0-255 and alpha 0-1, read back from a canvas pixel. */
    function rgba(css: string): [number, number, number, number] {
      const hit = cache.get(css);
      if (hit) return hit;
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      const out: [number, number, number, number] = d[3] === 0 ? [0, 0, 0, 0] : [d[0], d[1], d[2], d[3] / 255];
      // A translucent pixel is stored premultiplied and rounded; fine for contrast at 2 decimals.
      cache.set(css, out);
      return out;
    }
    const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] =>
      [0, 1, 2].map((k) => top[3] * top[k] + (1 - top[3]) * under[k]) as [number, number, number];
    /** The colour behind an element: its own and its ancestors' backgrounds over white. */
    function background(el: Element | null): [number, number, number] {
      const layers: [number, number, number, number][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out: [number, number, number] = [255, 255, 255];
      for (let k = layers.length - 1; k >= 0; k--) out = over(layers[k], out);
      return out;
    }
    function opacity(el: Element): number {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    }
    const lum = (c: [number, number, number]) => {
      const f = (v: number) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const ratio = (a: [number, number, number], b: [number, number, number]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const hex = (c: [number, number, number]) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
    function shown(el: Element): boolean {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
      if (r.bottom + scrollY <= 0 || r.right + scrollX <= 0) return false; // parked off-screen (skip link)
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || s.display === 'none') return false;
      return (el as HTMLElement).checkVisibility?.({ opacityProperty: false, visibilityProperty: true }) ?? true;
    }
    function describe(el: Element): string {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      const name = (el.getAttribute('aria-label') ?? el.getAttribute('name') ?? '').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${name ? `[${name}]` : ''}`;
    }
    /** The elements inside `el` that paint text themselves (own, non-blank text nodes). */
    function textHolders(el: Element): Element[] {
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value.trim() ? [el] : [];
      if (el instanceof HTMLSelectElement) return [el];
      const out: Element[] = [];
      const walk = (e: Element) => {
        if ([...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) if (shown(e)) out.push(e);
        // Controls inside a control (a button in a focusable scroll box) are measured themselves.
        for (const c of e.children) if (!(c instanceof SVGElement) && !c.matches(SELECTOR)) walk(c);
      };
      walk(el);
      return out;
    }
    function measure(i: number, disabledState: boolean): Measured | null {
      const el = document.querySelector(`[data-contrast-i="${i}"]`);
      if (!el || !shown(el)) return null;
      const problems: Measured['problems'] = [];
      const behind = background(el.parentElement);
      for (const h of textHolders(el)) {
        const s = getComputedStyle(h);
        const fg = rgba(s.color);
        const bg = background(h);
        const eff = over([fg[0], fg[1], fg[2], fg[3] * opacity(h)], bg);
        const size = parseFloat(s.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
        const needed = disabledState ? 3 : large ? 3 : 4.5;
        const r = ratio(eff, bg);
        if (r < needed - 0.005) {
          const text = (h instanceof HTMLSelectElement ? h.selectedOptions[0]?.textContent : h instanceof HTMLInputElement || h instanceof HTMLTextAreaElement ? h.value : [...h.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')) ?? '';
          problems.push({ element: describe(el), text: text.trim().slice(0, 60), ratio: Math.round(r * 100) / 100, needed, colours: `${hex(eff)} on ${hex(bg)}` });
        }
      }
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
        const type = el instanceof HTMLInputElement ? el.type : '';
        if (!['checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file', 'range', 'color'].includes(type) && !disabledState) {
          const s = getComputedStyle(el);
          const own = background(el);
          const widths = [s.borderTopWidth, s.borderBottomWidth, s.borderLeftWidth, s.borderRightWidth].map((v) => parseFloat(v) || 0);
          const border = s.borderBottomStyle !== 'none' && Math.max(...widths) >= 1 ? over(rgba(s.borderBottomColor), own) : null;
          const best = Math.max(border ? ratio(border, behind) : 0, ratio(own, behind));
          if (best < 3 - 0.005) problems.push({ element: describe(el), text: '(field boundary)', ratio: Math.round(best * 100) / 100, needed: 3, colours: `${border ? hex(border) : 'no border'} / ${hex(own)} on ${hex(behind)}` });
        }
      }
      const s = getComputedStyle(el);
      let ctxSig = '';
      for (let e = el.parentElement, k = 0; e && k < 4; e = e.parentElement, k++) ctxSig += `<${e.tagName}.${typeof e.className === 'string' ? e.className : ''}`;
      return { i, problems, signature: `${el.tagName}.${typeof el.className === 'string' ? el.className : ''}|${s.color}|${s.backgroundColor}|${s.borderColor}|${ctxSig}` };
    }
    w.__contrast = { measure, shown };
    document.querySelectorAll('[data-contrast-i]').forEach((e) => e.removeAttribute('data-contrast-i'));
    let n = 0;
    for (const el of document.querySelectorAll(SELECTOR)) if (shown(el) || el.classList.contains('skip-link')) el.setAttribute('data-contrast-i', String(n++));
    return n;
  });
}

type Api = { measure: (i: number, disabled: boolean) => Measured | null; shown: (el: Element) => boolean };

/**
 * Measures every interactive element of the page as it is now, in the four states, and returns
 * the problems (empty when every control is legible). Leaves the page as it found it, except for
 * the mouse position and focus.
 */
export async function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  const count = await install(page);
  const problems: ContrastProblem[] = [];
  const add = (state: ContrastState, m: Measured | null) => { for (const p of m?.problems ?? []) problems.push({ state, ...p }); };

  // Normal: no hover, nothing focused.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const normal = await page.evaluate((n) => {
    const api = (window as unknown as { __contrast: Api }).__contrast;
    return Array.from({ length: n }, (_, i) => api.measure(i, false));
  }, count);
  for (const m of normal) add('normal', m);

  // Hover: the real mouse over each element (one per look-alike group).
  const seen = new Set<string>();
  for (const m of normal) {
    if (!m || seen.has(m.signature)) continue;
    seen.add(m.signature);
    const box = await page.evaluate((i) => {
      const el = document.querySelector(`[data-contrast-i="${i}"]`);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, m.i);
    if (!box) continue;
    await page.mouse.move(box.x, box.y);
    add('hover', await page.evaluate((i) => (window as unknown as { __contrast: Api }).__contrast.measure(i, false), m.i));
  }
  await page.mouse.move(0, 0);

  // Keyboard focus: a key press first, so that focus() shows :focus-visible as Tab would.
  await page.keyboard.press('Shift');
  const focused = await page.evaluate((n) => {
    const api = (window as unknown as { __contrast: Api }).__contrast;
    const out: (Measured | null)[] = [];
    for (let i = 0; i < n; i++) {
      const el = document.querySelector<HTMLElement>(`[data-contrast-i="${i}"]`);
      if (!el) continue;
      el.focus({ preventScroll: true });
      out.push(document.activeElement === el ? api.measure(i, false) : null);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return out;
  }, count);
  for (const m of focused) add('focus', m);

  // Disabled: each button and field disabled for the measurement, then restored.
  const disabled = await page.evaluate((n) => {
    const api = (window as unknown as { __contrast: Api }).__contrast;
    const out: (Measured | null)[] = [];
    for (let i = 0; i < n; i++) {
      const el = document.querySelector(`[data-contrast-i="${i}"]`);
      if (!(el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
      const was = el.disabled;
      el.disabled = true;
      out.push(api.measure(i, true));
      el.disabled = was;
    }
    return out;
  }, count);
  for (const m of disabled) add('disabled', m);

  await page.evaluate(() => document.querySelectorAll('[data-contrast-i]').forEach((e) => e.removeAttribute('data-contrast-i')));
  // One line per distinct problem (fifty identical table links fail once).
  const unique = new Map<string, ContrastProblem>();
  for (const p of problems) unique.set(`${p.state}|${p.element}|${p.text}|${p.colours}`, p);
  return [...unique.values()];
}

export function formatProblems(label: string, problems: ContrastProblem[]): string[] {
  return problems.map((p) => `${label} · ${p.state}: ${p.element} "${p.text}" ${p.colours} = ${p.ratio.toFixed(2)}:1 (needs ${p.needed}:1)`);
}
