/**
 * The wall's layout invariants, measured in the page (issue 13, items 1 and 2): what a viewer at
 * 5 m cannot read or cannot see. Every check returns the offending elements in words (which
 * panel, which text, what size), so a failing test says what to fix.
 *  - text smaller than the minimum at 1080p, scaled by the viewport's width (4K: ×2);
 *  - text cut off or spilling out of its box (scrollWidth > clientWidth);
 *  - a panel of zero height, panels that overlap, a chart container without a drawn canvas;
 *  - contrast below 4.5:1 (axe-core's color-contrast rule, its source injected into the page).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Minimum sizes at 1920×1080 in CSS px (docs: README "Wall"). */
export const MIN_PX = { body: 18, title: 22, kpiValue: 56 } as const;

export interface LayoutProblems {
  small: string[];
  overflow: string[];
  zeroHeight: string[];
  overlap: string[];
  chartWithoutCanvas: string[];
}

/** Runs in the page: the problems under `rootSelector` (the active scene, or the gallery). */
function measure(args: { root: string; min: typeof MIN_PX }): LayoutProblems {
  const scale = window.innerWidth / 1920;
  const root = document.querySelector(args.root);
  const out: LayoutProblems = { small: [], overflow: [], zeroHeight: [], overlap: [], chartWithoutCanvas: [] };
  if (!root) {
    out.zeroHeight.push(`${args.root}: not in the page`);
    return out;
  }
  const where = (el: Element) => {
    const cell = el.closest('[data-panel]');
    return `${cell ? cell.getAttribute('data-panel') : 'page'} ${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  // text: every element holding text of its own, the map's attribution excepted; a map's drawn labels too, but not on
  // the wall's scenes (and the gallery's frames of them), which are read from 5 m like every other text
  const exempt = '.maplibregl-ctrl-attrib, [data-map-exempt]';
  const deskLabel = (el: Element) => el.closest('.maplibregl-marker, [data-label-id]') !== null && el.closest('.scene-view') === null;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!own || el.closest(exempt) || deskLabel(el) || !visible(el)) continue;
    const text = (el.textContent ?? '').trim().slice(0, 40);
    const px = parseFloat(getComputedStyle(el).fontSize) / scale;
    // a KPI's value, its title; the unit beside a value (%, hồ sơ) reads as a title
    const need = el.matches('.kpi-suffix')
      ? args.min.title
      : el.closest('.kpi-value')
        ? args.min.kpiValue
        : el.closest('.panel-title')
          ? args.min.title
          : args.min.body;
    if (px + 0.05 < need) out.small.push(`${where(el)} "${text}": ${px.toFixed(1)} px < ${need} px`);
    const style = getComputedStyle(el);
    if (style.display !== 'inline' && (el.scrollWidth > el.clientWidth + 1 || (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1))) {
      out.overflow.push(`${where(el)} "${text}": ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
    }
    // cut by a box around it that hides what overflows (a KPI tile, an AQI badge)
    const r = el.getBoundingClientRect();
    for (let box = el.parentElement; box && box !== root.parentElement; box = box.parentElement) {
      if (getComputedStyle(box).overflow === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
        out.overflow.push(`${where(el)} "${text}": cut by ${box.tagName.toLowerCase()}.${Array.from(box.classList).join('.')}`);
        break;
      }
    }
  }
  // a panel whose content is taller than its box: something is cut off or spills over the next panel
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.panel'))) {
    if (visible(el) && el.scrollHeight > el.clientHeight + 1) out.overflow.push(`${where(el)}: content ${el.scrollHeight} px in ${el.clientHeight} px`);
  }
  const cells = Array.from(root.querySelectorAll<HTMLElement>('[data-panel]')).filter((c) => c.checkVisibility());
  const rects = cells.map((c) => ({ id: c.getAttribute('data-panel')!, r: c.getBoundingClientRect() }));
  for (const { id, r } of rects) {
    const panel = document.querySelector(`[data-panel="${id}"] > *`);
    if (r.height < 1 || !panel || panel.getBoundingClientRect().height < 1) out.zeroHeight.push(id);
  }
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!.r;
      const b = rects[j]!.r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) out.overlap.push(`${rects[i]!.id} × ${rects[j]!.id}`);
    }
  for (const c of Array.from(root.querySelectorAll<HTMLElement>('[data-chart]'))) {
    const canvas = c.querySelector('canvas');
    const r = canvas?.getBoundingClientRect();
    if (!canvas || !r || r.height < 10 || r.width < 10) out.chartWithoutCanvas.push(where(c));
  }
  return out;
}

export function layoutProblems(page: Page, root: string): Promise<LayoutProblems> {
  return page.evaluate(measure, { root, min: MIN_PX });
}

/**
 * The desks' header (PageShell): every element inside the window, the link status, the clock, the
 * language and the navigation whole, and a shortened signed-in name with its full text in the tooltip.
 * `whole`: on a wide screen (1920 px) nothing of it may be cut, the city's name, the subtitle, the
 * signed-in name and role included (an administrator's nine links once cut "Trung tâm …", "Quản trị…").
 */
export function deskHeaderProblems(page: Page, whole = false): Promise<string[]> {
  return page.evaluate((all) => {
    const out: string[] = [];
    const hdr = document.querySelector('header.hdr');
    if (!hdr) return ['no header'];
    const w = window.innerWidth;
    const name = (el: Element) => el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`;
    for (const el of Array.from(hdr.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) out.push(`${name(el)}: ${Math.round(r.left)}–${Math.round(r.right)} px, the window is ${w}`);
    }
    const kept = ['[data-testid="connection-status"]', '[data-testid="clock"]', '[data-testid="lang"]', '.page-nav', '.nav-link'];
    if (all) kept.push('.hdr-title', '.hdr-subtitle', '[data-testid="user-name"]', '[data-testid="user-scope"]', '[data-testid="sign-out"]');
    for (const el of Array.from(hdr.querySelectorAll<HTMLElement>(kept.join(', '))))
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} cut: ${el.scrollWidth} px in ${el.clientWidth}`);
    const user = hdr.querySelector<HTMLElement>('[data-testid="user-name"]');
    if (user && user.scrollWidth > user.clientWidth + 1 && user.title !== user.textContent) out.push('the shortened name has no tooltip');
    return out;
  }, whole);
}

/** How many lines a wrapping toolbar takes (1: every control on one line), and its controls cut off. */
export function toolbarLines(page: Page, selector: string): Promise<{ lines: number; cut: string[] }> {
  return page.evaluate((sel) => {
    const bar = document.querySelector(sel)!;
    const kids = Array.from(bar.children).filter((c) => c.getBoundingClientRect().width > 0);
    const tops: number[] = [];
    for (const k of kids) {
      const r = k.getBoundingClientRect();
      // a new line starts below the bottom of an earlier control
      if (!tops.some((t) => Math.abs(t - r.bottom) < r.height)) tops.push(r.bottom);
    }
    const cut = Array.from(bar.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline' && getComputedStyle(el).overflowX !== 'auto')
      .map((el) => `${el.getAttribute('data-testid') ?? el.className}: ${el.scrollWidth} px in ${el.clientWidth}`);
    return { lines: tops.length, cut };
  }, selector);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's colour-contrast rule (WCAG AA, 4.5:1 for body text) on `root`; one line per failing node. */
export async function contrastProblems(page: Page, root: string): Promise<string[]> {
  // evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { nodes: { target: string[]; any: { message: string }[] }[] }[] }> } }
    ).axe;
    const r = await axe.run(
      { include: [selector], exclude: ['.maplibregl-ctrl-attrib', '.maplibregl-canvas'] },
      { runOnly: { type: 'rule', values: ['color-contrast'] } },
    );
    return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join('; ')}`));
  }, root);
}
