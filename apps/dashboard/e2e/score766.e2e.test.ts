/**
 * The computed Decision 766 scorecard in a real Chromium against the built dashboard served by a
 * real ingest process, fed only through the public APIs (the procedure catalogue by PUT, dossier
 * events with the feed key): the wall's 766 scene shows all six groups "points / maximum" as the
 * API computes them and the total out of 100; a group opens the drill-down, whose numerator lists
 * the very dossiers that were sent, and the server's CSV of that list holds them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Directive, DirectiveBoardResponse, Score766Response } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import { PROCEDURE_SAMPLE, receivedDossier } from '../../../test-support/dossiers.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { currentMonth, issueDirective, openE2e, testId, type E2e } from './support/e2e.ts';

const KEY = 'e2e-score766-source-key-0123456789';
const AGENCY = '000.135.00.H13'; // UBND phường Ninh Kiều
const COMMUNE = '31135'; // phường Ninh Kiều
let e2e: E2e;
let server: ServerProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Points as the wall writes them in Vietnamese: '20', '10,83'; '—' without data. */
function vi(points: number | null): string {
  if (points === null) return '—';
  const r = Math.round(points * 100) / 100;
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace('.', ',');
}

const codes = ['E2E766-0001', 'E2E766-0002', 'E2E766-0003'];

const send = (method: 'PUT' | 'POST', path: string, body: unknown) => e2e.send(path, body, method);

/** Gives the directive in the leader's open dialog (its text, due in `days` working days) and reads it back from the API. */
async function submitDirective(leader: Page, text: string, days: number): Promise<Directive> {
  await leader.fill(testId('directive-issue-text'), text);
  await leader.fill(testId('directive-issue-days'), String(days));
  await leader.click(testId('directive-issue-submit'));
  await expect.poll(() => leader.textContent(testId('directive-issue-note')), { timeout: 10_000 }).toMatch(/^Đã giao chỉ đạo, hạn \d{2}\/\d{2}\/\d{4} 17:00$/);
  const list = (await (await fetch(`${server.url}/api/v1/directives?unit=${COMMUNE}&status=open`, { headers: server.headers('leader') })).json()) as {
    directives: Directive[];
  };
  return list.directives.find((d) => d.text === text)!;
}

async function scorecard(): Promise<Score766Response> {
  const r = await fetch(`${server.url}/api/v1/score766?unit=92&period=${currentMonth()}`, { headers: server.headers('analyst') });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Score766Response;
}

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, pageErrors });
  ({ server, browser } = e2e);
  // the procedure the commune applies
  await send('PUT', '/api/v1/procedures', { items: [{ ...PROCEDURE_SAMPLE, agencies: [AGENCY] }] });
  // three dossiers received online a minute ago, due in ten days: on time while open (2.1)
  const at = new Date(Date.now() - 60_000).toISOString();
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString();
  await send('POST', '/api/v1/dossiers/events', {
    events: codes.map((code) => receivedDossier(`${code}-2`, code, at, { agencyCode: AGENCY, adminUnitCode: COMMUNE, dueAt: due })),
  });
  // an analyst reads the wall and may download the lists
  page = await e2e.newPage({ as: 'analyst' });
});

afterAll(() => e2e?.close());

describe('the 766 scene and its drill-down', () => {
  it('shows all six groups as the API computes them, "points / maximum", and the total out of 100', async () => {
    await page.goto(`${server.url}/?scene=score766`);
    await page.waitForSelector(`${testId('score766-scorecard')} ${testId('score766-groups')}`, { timeout: 20_000 });
    const api = await scorecard();
    expect(api.groups).toHaveLength(6);
    expect(await page.locator(`${testId('score766-scorecard')} .score-group`).count()).toBe(6);
    for (const g of api.groups) {
      const value = (await page.textContent(testId(`score766-group-value-${g.id}`)))!.replace(/\s+/g, ' ').trim();
      expect(value, g.id).toBe(`${vi(g.points)} / ${vi(g.max)}`);
      const noData = page.locator(testId(`score766-nodata-${g.id}`));
      if (g.points === null) expect(await noData.textContent()).toBe('chưa có dữ liệu');
      else expect(await noData.count()).toBe(0);
    }
    // transparency: no publication, component or sync data was sent: no data, never 0
    expect(api.groups.find((g) => g.id === 'transparency')).toMatchObject({ points: null, max: 18 });
    expect(await page.textContent(testId('score766-group-value-transparency'))).toBe('— / 18');
    // progress: the three dossiers are on time
    expect(api.groups.find((g) => g.id === 'progress')).toMatchObject({ points: 20, max: 20 });
    expect(await page.textContent(testId('score766-group-value-progress'))).toBe('20 / 20');
    const total = page.locator(testId('score766-total'));
    expect(await total.getAttribute('data-points')).toBe(String(api.total.points));
    expect(await total.getAttribute('data-max')).toBe('100');
    expect((await total.textContent())!.replace(/\s+/g, ' ')).toContain(`${vi(api.total.points)}/ 100`);
    // honest freshness: the as-of time, and no official score stands in for the computed one
    expect(await page.textContent(`${testId('score766-scorecard')} .fresh-time`)).toMatch(/^Cập nhật \d{2}:\d{2}:\d{2}$/);
    expect(await page.textContent(testId('score766-official'))).toContain('Chưa có điểm chính thức');
    expect(await page.getAttribute(testId('score766-head'), 'data-period')).toBe(currentMonth());
    // the leader's "Giao chỉ đạo" is not an analyst's: no group row carries it
    expect(await page.locator(`${testId('score766-scorecard')} [data-testid^="directive-open-"]`).count()).toBe(0);
  });

  it('drills from a group to its metrics and to the dossiers behind the numerator, with the CSV of the list', async () => {
    await page.click(testId('score766-open-progress'));
    await page.waitForSelector(`${testId('score766-metrics')}[data-group="progress"]`, { timeout: 15_000 });
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('group'), url.searchParams.get('period'), url.searchParams.get('unit')]).toEqual([
      '/analyst/score766',
      'progress',
      currentMonth(),
      '92',
    ]);
    const row = (await page.textContent(testId('score766-metric-2.1')))!;
    expect(row).toContain('100,0 %');
    expect(row).toContain('3 / 3');
    expect(row).toContain('20 / 20');

    await page.click(testId('score766-num-2.1'));
    await page.waitForSelector(`${testId('score766-items')}[data-metric="2.1"][data-part="numerator"][data-total="3"]`, { timeout: 15_000 });
    for (const code of codes) {
      const cells = (await page.textContent(testId(`score766-item-${code}`)))!;
      expect(cells).toContain('Trực tuyến');
      expect(cells).toContain('Được tiếp nhận');
    }
    expect(new URL(page.url()).searchParams.get('metric')).toBe('2.1');
    // the denominator holds the same three; nothing is outside the numerator
    await page.click(testId('score766-part-outside'));
    await page.waitForSelector(`${testId('score766-items')}[data-part="outside"][data-total="0"]`);
    await page.waitForSelector(testId('score766-items-empty'));

    // the server writes the whole list: the link carries the unit, period and part
    await page.click(testId('score766-part-numerator'));
    await page.waitForSelector(`${testId('score766-items')}[data-part="numerator"][data-total="3"]`);
    const href = (await page.getAttribute(testId('score766-export-csv'), 'href'))!;
    expect(href).toBe(`/api/v1/score766/2.1/items.csv?unit=92&period=${currentMonth()}&part=numerator&lang=vi&sep=semicolon`);
    const csv = await fetch(`${server.url}${href}`, { headers: server.headers('analyst') });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    for (const code of codes) expect(text).toContain(code);

    // a reload of the URL opens the same view
    await page.reload();

    await page.waitForSelector(`${testId('score766-items')}[data-metric="2.1"][data-total="3"]`, { timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });

  it('steps the drill-down period (month, year, previous) and switches the scheme, each in the URL, showing what the API computes', async () => {
    const month = currentMonth();
    const year = month.slice(0, 4);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const stepper = testId('score766-stepper');
    const shows = async (period: string, scheme?: string) => {
      const q = new URLSearchParams({ unit: '92', period, ...(scheme ? { scheme } : {}) });
      const r = await fetch(`${server.url}/api/v1/score766?${q.toString()}`, { headers: server.headers('analyst') });
      expect(r.status).toBe(200);
      const api = (await r.json()) as Score766Response;
      await expect.poll(() => page.locator(`${testId('score766-groups')} .score-group`).count(), { timeout: 15_000 }).toBe(api.groups.length);
      for (const g of api.groups)
        await expect
          .poll(async () => (await page.textContent(testId(`score766-group-value-${g.id}`)))?.replace(/\s+/g, ' ').trim(), { timeout: 15_000 })
          .toBe(`${vi(g.points)} / ${vi(g.max)}`);
      return api;
    };
    await page.goto(`${server.url}/analyst/score766?unit=92&period=${month}&group=progress`);
    await page.waitForSelector(`${stepper}[data-period="${month}"][data-scheme="dvcqg-current"]`, { timeout: 15_000 });
    // the current month is the latest: no next
    expect(await page.isDisabled(testId('score766-period-next'))).toBe(true);
    await page.click(testId('score766-period-prev'));
    await page.waitForSelector(`${stepper}[data-period="${previous}"]`);
    expect(new URL(page.url()).searchParams.get('period')).toBe(previous);
    // no dossier was received last month: progress has no data, never 0
    expect((await shows(previous)).groups.find((g) => g.id === 'progress')!.points).toBeNull();
    await page.click(testId('score766-kind-year'));
    await page.waitForSelector(`${stepper}[data-period="${year}"]`);
    expect(await page.textContent(testId('score766-period-label'))).toBe(`Năm ${year}`);
    expect((await shows(year)).groups.find((g) => g.id === 'progress')!.points).toBe(20);
    // the 2022 text's scheme: five groups, in the URL
    await page.click(testId('score766-scheme-qd766-2022'));
    await page.waitForSelector(`${stepper}[data-scheme="qd766-2022"]`);
    expect(new URL(page.url()).searchParams.get('scheme')).toBe('qd766-2022');
    expect((await shows(year, 'qd766-2022')).groups).toHaveLength(5);
    // a reload opens the same view
    await page.reload();
    await page.waitForSelector(`${stepper}[data-period="${year}"][data-scheme="qd766-2022"]`, { timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });

  it('shows a directive a leader issues on the wall at once (directiveV1), overdue or due today as the board says', async () => {
    await page.goto(`${server.url}/?scene=score766`);
    await page.waitForSelector(`${testId('directive-board')} .panel-empty`, { timeout: 20_000 });
    expect(await page.textContent(`${testId('directive-board')} .panel-empty`)).toBe('Không có chỉ đạo quá hạn hoặc đến hạn hôm nay');
    const r = await issueDirective(server, {
      title: 'Rà soát hồ sơ <b>trễ hạn</b>',
      text: 'Phường Ninh Kiều rà soát các hồ sơ tiếp nhận trong tháng.',
      unit: COMMUNE,
      dueInMs: 5 * 60_000,
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const issued = (await r.json()) as Directive;
    // the board is re-read every minute: within a few seconds it can only be the push
    const row = testId(`directive-${issued.id}`);
    await page.waitForSelector(row, { timeout: 8_000 });
    const board = (await (await fetch(`${server.url}/api/v1/directives/board`, { headers: server.headers('analyst') })).json()) as DirectiveBoardResponse;
    const kind = board.overdue.some((d) => d.id === issued.id) ? 'overdue' : 'dueToday';
    expect([...board.overdue, ...board.dueToday].map((d) => d.id)).toContain(issued.id);
    expect(await page.getAttribute(row, 'data-kind')).toBe(kind);
    // the title is text, never markup
    expect(await page.textContent(`${row} .directive-title`)).toBe('Rà soát hồ sơ <b>trễ hạn</b>');
    expect(await page.locator(`${row} .directive-title b`).count()).toBe(0);
    expect(await page.textContent(row)).toContain('Đã giao');
    expect(pageErrors).toEqual([]);
  });

  it("a leader gives a directive about a group from its row on the wall, the scorecard's unit prefilled", async () => {
    const leader = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    leader.on('pageerror', (e) => pageErrors.push(String(e)));
    await signIn(leader, server, 'leader');
    await leader.goto(`${server.url}/?scene=score766`);
    const api = await scorecard();
    // every group row has its button, at the wall's 18 px
    const open = testId('directive-open-score766-group-progress');
    await leader.waitForSelector(`${testId('score766-group-progress')} ${open}`, { timeout: 20_000 });
    expect(await leader.locator(`${testId('score766-scorecard')} .score-group .directive-open`).count()).toBe(api.groups.length);
    expect(await leader.$eval(open, (b) => getComputedStyle(b).fontSize)).toBe('18px');
    await leader.click(open);
    await leader.waitForSelector(`${testId('directive-dialog')}[data-subject-kind="score766"][data-subject-id="progress"]`);
    // the wall's unit: the city
    expect(await leader.inputValue(testId('directive-issue-units'))).toBe('92');
    await leader.fill(testId('directive-issue-units'), COMMUNE);
    const issued = await submitDirective(leader, 'Nhóm tiến độ: giữ hồ sơ đúng hạn cả tháng.', 5);
    const progress = api.groups.find((g) => g.id === 'progress')!;
    expect(issued).toMatchObject({
      deadlineWorkingDays: 5,
      subject: { kind: 'score766', id: 'progress', label: `${progress.name.vi} · ${api.unitName?.vi ?? api.unit}` },
      assignments: [{ unit: COMMUNE, status: 'issued' }],
    });
    await leader.close();
    expect(pageErrors).toEqual([]);
  });

  it('a leader issues a directive from a unit on the drill-down page; the unit operator answers it in their inbox, in two browsers', async () => {
    // two browsers: each page in its own context, with its own session cookie
    const leader = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const operator = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    for (const p of [leader, operator]) p.on('pageerror', (e) => pageErrors.push(String(e)));
    await signIn(leader, server, 'leader');
    await leader.goto(`${server.url}/analyst/score766?unit=${COMMUNE}&group=progress&metric=2.1`);
    await leader.click(testId('directive-open-score766-2.1'), { timeout: 15_000 });
    await leader.waitForSelector(`${testId('directive-dialog')}[data-subject-kind="score766"][data-subject-id="2.1"]`);
    expect(await leader.inputValue(testId('directive-issue-units'))).toBe(COMMUNE);
    const issued = await submitDirective(leader, 'Giữ tỷ lệ hồ sơ đúng hạn, báo cáo trong tuần.', 3);
    expect(issued).toMatchObject({ deadlineWorkingDays: 3, subject: { kind: 'score766', id: '2.1' }, assignments: [{ unit: COMMUNE, status: 'issued' }] });

    await signIn(operator, server, 'operator');
    await operator.goto(`${server.url}/operator`);
    const assignment = testId(`directive-assignment-${issued.id}-${COMMUNE}`);
    await operator.waitForSelector(`${assignment}[data-status="issued"]`, { timeout: 15_000 });
    await operator.fill(testId(`directive-report-text-${issued.id}`), 'Đã rà soát, các hồ sơ đều trong hạn.');
    await operator.check(testId(`directive-report-done-${issued.id}`));
    await operator.click(testId(`directive-report-send-${issued.id}`));
    await operator.waitForSelector(`${assignment}[data-status="done"]`, { timeout: 10_000 });
    const after = (await (await fetch(`${server.url}/api/v1/directives/${issued.id}`, { headers: server.headers('leader') })).json()) as Directive;
    expect(after.assignments[0]).toMatchObject({ unit: COMMUNE, status: 'done', reports: [{ text: 'Đã rà soát, các hồ sơ đều trong hạn.', done: true }] });
    await leader.close();
    await operator.close();
    expect(pageErrors).toEqual([]);
  });
});
