/**
 * The leader's follow-up loop in a real Chromium against the built dashboard served by a real
 * ingest process, in three browser contexts with their own sessions: a leader issues a directive
 * due in a few minutes to phường Ninh Kiều; the wall lists it; the ward's operator reports it done
 * with a small PDF (an HTML file named .pdf is refused in the server's words); the leader opens it
 * on /operator/directives, downloads the PDF and returns it with a note; the operator sees the note
 * and reports again; the leader accepts and the directive closes. Every view follows the pushes
 * (directiveV1) without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Alert, Directive } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { DESK_VIEWPORT, issueDirective, MIN, openE2e, testId, type E2e } from './support/e2e.ts';

const COMMUNE = '31135'; // phường Ninh Kiều: the test operator's scope
const KEY = 'e2e-directives-source-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
const pageErrors: string[] = [];
/** A one-page PDF, as small as a reader accepts. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function directive(id: string): Promise<Directive> {
  const r = await fetch(`${server.url}/api/v1/directives/${id}`, { headers: server.headers('leader') });
  expect(r.status).toBe(200);
  return (await r.json()) as Directive;
}

/** A page in its own context, with its own session cookie. */
const newPage = (): Promise<Page> => e2e.newPage({ viewport: DESK_VIEWPORT, acceptDownloads: true });

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, pageErrors });
  server = e2e.server;
});

afterAll(() => e2e?.close());

describe("the leader's follow-up of a directive", () => {
  it('issue → report with a PDF → return with a note → report again → accept, live in the wall, the inbox and the leader page', async () => {
    const wall = await newPage();
    const leader = await newPage();
    const operator = await newPage();
    await signIn(wall, server, 'analyst');
    await signIn(leader, server, 'leader');
    await signIn(operator, server, 'operator');
    await wall.goto(`${server.url}/?scene=score766`);
    await wall.waitForSelector(`${testId('directive-board')} .panel-empty`, { timeout: 20_000 });
    await leader.goto(`${server.url}/operator/directives`);
    await leader.waitForSelector(`${testId('directives-list')}[data-count="0"]`, { state: 'attached', timeout: 20_000 });
    expect(await leader.textContent(testId('directives-empty'))).toBe('Không có kết quả chờ đánh giá');
    // the leader's navigation names the page
    expect(await leader.textContent('.page-nav')).toContain('Chỉ đạo');
    await operator.goto(`${server.url}/operator`);
    await operator.waitForSelector(testId('directive-inbox'), { timeout: 20_000 });

    // issued due in a few minutes, so that the wall's board (overdue and due today) lists it
    const r = await issueDirective(server, {
      title: 'Báo cáo hồ sơ <i>trễ hạn</i>',
      text: 'Phường Ninh Kiều gửi danh sách hồ sơ trễ hạn trong tháng.',
      unit: COMMUNE,
      dueInMs: 3 * MIN,
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const { id } = (await r.json()) as Directive;
    const boardRow = testId(`directive-${id}`);
    const assignment = testId(`directive-assignment-${id}-${COMMUNE}`);
    await wall.waitForSelector(boardRow, { timeout: 8_000 });
    expect(await wall.textContent(boardRow)).toContain('Đã giao');
    await operator.waitForSelector(`${assignment}[data-status="issued"]`, { timeout: 8_000 });

    // a file that is HTML whatever its name: refused by its bytes, in the server's words
    await operator.setInputFiles(testId(`directive-report-file-${id}`), {
      name: 'bao-cao.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><script>x</script></html>'),
    });
    await expect
      .poll(() => operator.textContent(testId(`directive-report-file-note-${id}`)), { timeout: 10_000 })
      .toMatch(/^Không đính kèm được bao-cao\.pdf: forbidden_attachment_type — .+/);
    // the real PDF is stored and goes with the report
    await operator.setInputFiles(testId(`directive-report-file-${id}`), { name: 'Danh sách hồ sơ.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect
      .poll(() => operator.textContent(testId(`directive-report-file-note-${id}`)), { timeout: 10_000 })
      .toBe(`Đã đính kèm Danh sách hồ sơ.pdf (${PDF.length} B)`);
    await operator.fill(testId(`directive-report-text-${id}`), 'Đã gửi danh sách 3 hồ sơ trễ hạn.');
    await operator.check(testId(`directive-report-done-${id}`));
    await operator.click(testId(`directive-report-send-${id}`));
    await operator.waitForSelector(`${assignment}[data-status="done"]`, { timeout: 10_000 });
    const reported = await directive(id);
    const attachment = reported.assignments[0]!.reports[0]!.attachments[0]!;
    expect(attachment).toMatchObject({ name: 'Danh sách hồ sơ.pdf', type: 'application/pdf', size: PDF.length, unit: COMMUNE });
    // answered: off the wall's board; awaiting the leader's decision on their page
    await wall.waitForSelector(boardRow, { state: 'detached', timeout: 8_000 });
    const row = testId(`directives-row-${id}`);
    await leader.waitForSelector(`${row}[data-awaiting="1"]`, { timeout: 8_000 });
    expect(await leader.textContent(`${row} .directive-title`)).toBe('Báo cáo hồ sơ <i>trễ hạn</i>');

    // the leader opens the trail, downloads the PDF, and may not return without a note
    await leader.click(row);
    await leader.waitForSelector(`${testId('directive-detail')}[data-id="${id}"]`, { timeout: 10_000 });
    expect(new URL(leader.url()).searchParams.get('id')).toBe(id);
    const unit = testId(`directive-unit-${COMMUNE}`);
    expect(await leader.getAttribute(unit, 'data-status')).toBe('done');
    expect(await leader.textContent(testId(`directive-trail-${COMMUNE}`))).toContain('Đã gửi danh sách 3 hồ sơ trễ hạn.');
    const link = testId(`directive-attachment-${attachment.id}`);
    expect(await leader.textContent(link)).toBe(`Tải Danh sách hồ sơ.pdf (${PDF.length} B)`);
    const [download] = await Promise.all([leader.waitForEvent('download'), leader.click(link)]);
    expect(download.suggestedFilename()).toBe('Danh sách hồ sơ.pdf');
    const file = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of file) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
    await leader.click(testId(`directive-return-${COMMUNE}`));
    expect(await leader.textContent(testId(`directive-decision-msg-${COMMUNE}`))).toBe('Cần ghi ý kiến khi trả lại');
    expect((await directive(id)).assignments[0]!.status).toBe('done');
    await leader.fill(testId(`directive-decision-note-${COMMUNE}`), 'Thiếu lý do trễ hạn của từng hồ sơ.');
    await leader.click(testId(`directive-return-${COMMUNE}`));
    await leader.waitForSelector(`${unit}[data-status="returned"]`, { timeout: 10_000 });
    expect(await leader.getAttribute(`${testId(`directive-trail-${COMMUNE}`)} li.trail-entry:last-child`, 'data-kind')).toBe('returned');
    await leader.waitForSelector(testId('directives-empty'), { timeout: 8_000 });

    // returned: back on the wall, and the operator reads why
    await wall.waitForSelector(boardRow, { timeout: 8_000 });
    expect(await wall.textContent(boardRow)).toContain('Bị trả lại');
    await operator.waitForSelector(`${assignment}[data-status="returned"]`, { timeout: 8_000 });
    expect(await operator.textContent(testId(`directive-returned-note-${id}-${COMMUNE}`))).toBe('Trả lại (Trần Văn Lãnh): Thiếu lý do trễ hạn của từng hồ sơ.');
    await operator.fill(testId(`directive-report-text-${id}`), 'Bổ sung lý do: chờ kết quả xác minh của công an phường.');
    await operator.check(testId(`directive-report-done-${id}`));
    await operator.click(testId(`directive-report-send-${id}`));
    await operator.waitForSelector(`${assignment}[data-status="done"]`, { timeout: 10_000 });
    await wall.waitForSelector(boardRow, { state: 'detached', timeout: 8_000 });

    // the open trail follows the push: the second report, then the accept closes the directive
    await leader.waitForSelector(`${unit}[data-status="done"]`, { timeout: 8_000 });
    expect(
      await leader.locator(`${testId(`directive-trail-${COMMUNE}`)} li.trail-entry`).evaluateAll((li) => li.map((e) => e.getAttribute('data-kind'))),
    ).toEqual(['report', 'returned', 'report']);
    await leader.click(testId(`directive-accept-${COMMUNE}`));
    await leader.waitForSelector(`${testId('directive-detail')}[data-status="closed"]`, { timeout: 10_000 });
    expect(await leader.getAttribute(unit, 'data-status')).toBe('accepted');
    expect(await leader.locator(testId(`directive-accept-${COMMUNE}`)).count()).toBe(0);
    const closed = await directive(id);
    expect(closed.status).toBe('closed');
    expect(closed.assignments[0]!.decisions.map((d) => [d.action, d.note])).toEqual([
      ['returned', 'Thiếu lý do trễ hạn của từng hồ sơ.'],
      ['accepted', null],
    ]);
    // the operator's inbox lists open directives only
    await operator.waitForSelector(assignment, { state: 'detached', timeout: 8_000 });
    await leader.click(testId('directives-show-closed'));
    await leader.waitForSelector(testId(`directives-row-${id}`), { timeout: 8_000 });
    expect(pageErrors).toEqual([]);
    // three browsers on a shared 2-core machine: it took 100–115 s there, past the default 120 s once
  }, 300_000);

  it('a leader issues a directive from an alert, the unit prefilled; the operator sees it in their inbox with the alert as its source', async () => {
    // a tide rising through BĐ I at the Cần Thơ station (phường Ninh Kiều) over the last 35 minutes
    const end = Date.now() - MIN;
    const values = [170, 176, 181, 183, 185, 186, 187, 188];
    const obs = await fetch(`${server.url}/api/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        observations: values.map((value, i) => ({
          id: `e2e-directive-wl-${i}`,
          indicator: 'water_level',
          area: COMMUNE,
          station: 'wl-can-tho',
          observedAt: new Date(end - (values.length - 1 - i) * 5 * MIN).toISOString(),
          value,
        })),
      }),
    });
    expect(obs.status, await obs.clone().text()).toBe(200);
    const alerts = async () =>
      ((await (await fetch(`${server.url}/api/v1/alerts`, { headers: server.headers('leader') })).json()) as { alerts: Alert[] }).alerts;
    await expect.poll(async () => (await alerts()).find((a) => a.ruleId === 'flood-band')?.id, { timeout: 10_000 }).toBeTruthy();
    const alert = (await alerts()).find((a) => a.ruleId === 'flood-band')!;
    expect(alert.area).toBe(COMMUNE);

    const leader = await newPage();
    const operator = await newPage();
    await signIn(leader, server, 'leader');
    await signIn(operator, server, 'operator');
    // the operator of the ward does not get the button: issuing is a leader's
    await operator.goto(`${server.url}/operator/alerts?alert=${encodeURIComponent(alert.id)}`);
    await operator.waitForSelector(testId('alert-detail'), { timeout: 60_000 });
    expect(await operator.locator(testId(`directive-open-alert-${alert.id}`)).count()).toBe(0);
    await operator.goto(`${server.url}/operator`);
    await operator.waitForSelector(testId('directive-inbox'), { timeout: 20_000 });

    await leader.goto(`${server.url}/operator/alerts`);
    await leader.click(`[data-testid="inbox-row"][data-alert-id="${alert.id}"]`, { timeout: 60_000 });
    await leader.waitForSelector(testId('alert-detail'));
    await leader.click(testId(`directive-open-alert-${alert.id}`));
    const dialog = testId('directive-dialog');
    await leader.waitForSelector(`${dialog}[data-subject-kind="alert"]`);
    expect(await leader.getAttribute(dialog, 'data-subject-id')).toBe(alert.id);
    // the responsible unit comes from the alert: its area
    expect(await leader.inputValue(`${dialog} ${testId('directive-issue-units')}`)).toBe(COMMUNE);
    expect(await leader.textContent(`${dialog} ${testId('directive-issue-about')}`)).toBe(`Về: Cảnh báo: ${alert.title.vi}`);
    await leader.fill(testId('directive-issue-text'), 'Phường Ninh Kiều kiểm tra ngập tại các tuyến đường ven sông, báo cáo trước 17:00.');
    await leader.fill(testId('directive-issue-days'), '1');
    await leader.click(testId('directive-issue-submit'));
    await expect
      .poll(() => leader.textContent(testId('directive-issue-note')), { timeout: 10_000 })
      .toMatch(/^Đã giao chỉ đạo, hạn \d{2}\/\d{2}\/\d{4} 17:00$/);
    // Escape closes the dialog
    await leader.keyboard.press('Escape');
    await leader.waitForSelector(dialog, { state: 'detached' });

    // the directive stores its origin: kind and id
    const open = (await (await fetch(`${server.url}/api/v1/directives?status=open`, { headers: server.headers('leader') })).json()) as {
      directives: Directive[];
    };
    const issued = open.directives.find((d) => d.subject.kind === 'alert')!;
    expect(issued).toMatchObject({
      deadlineWorkingDays: 1,
      subject: { kind: 'alert', id: alert.id, label: alert.title.vi },
      assignments: [{ unit: COMMUNE, status: 'issued' }],
    });

    // pushed to the operator's inbox, with its source
    const source = testId(`directive-source-${issued.id}`);
    await operator.waitForSelector(source, { timeout: 10_000 });
    expect(await operator.getAttribute(source, 'data-kind')).toBe('alert');
    expect(await operator.getAttribute(source, 'data-id')).toBe(alert.id);
    expect(await operator.textContent(source)).toBe(`Nguồn: Cảnh báo: ${alert.title.vi}`);
    await operator.waitForSelector(`${testId(`directive-assignment-${issued.id}-${COMMUNE}`)}[data-status="issued"]`);

    // and on the leader's page, with its source
    await leader.goto(`${server.url}/operator/directives?show=open&id=${issued.id}`);
    await leader.waitForSelector(`${testId('directive-detail-source')}[data-kind="alert"]`, { timeout: 10_000 });
    expect(await leader.textContent(testId('directive-detail-source'))).toBe(`Nguồn: Cảnh báo: ${alert.title.vi}`);
    expect(await leader.textContent(testId(`directives-source-${issued.id}`))).toBe(`Nguồn: Cảnh báo: ${alert.title.vi}`);
    await leader.close();
    await operator.close();
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('a leader issues a directive from an overdue PAKN on the operator page, to its commune; the inbox names the PAKN; a unit opens the same dialog', async () => {
    const title = 'Đèn đường <b>hỏng</b> trên đường 30/4';
    const r = await fetch(`${server.url}/api/v1/pakn/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        events: [
          {
            eventId: 'e2e-pakn-1-received',
            paknId: 'E2E-PAKN-1',
            step: 'received',
            at: new Date(Date.now() - 30 * 86_400_000).toISOString(),
            adminUnitCode: COMMUNE,
            title,
          },
        ],
      }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const leader = await newPage();
    const operator = await newPage();
    await signIn(leader, server, 'leader');
    await signIn(operator, server, 'operator');
    await operator.goto(`${server.url}/operator`);
    await operator.waitForSelector(testId('directive-inbox'), { timeout: 30_000 });

    await leader.goto(`${server.url}/operator?area=${COMMUNE}`);
    const row = testId('pakn-E2E-PAKN-1');
    await leader.waitForSelector(`${row}[data-kind="overdue"]`, { timeout: 30_000 });
    // the feed's title is text, never markup
    expect(await leader.textContent(`${row} .pakn-title`)).toBe(title);
    expect(await leader.locator(`${row} .pakn-title b`).count()).toBe(0);
    // the unit picked on the page opens the same dialog, about the unit
    await leader.click(testId(`directive-open-unit-${COMMUNE}`));
    const dialog = testId('directive-dialog');
    await leader.waitForSelector(`${dialog}[data-subject-kind="unit"][data-subject-id="${COMMUNE}"]`);
    expect(await leader.inputValue(`${dialog} ${testId('directive-issue-units')}`)).toBe(COMMUNE);
    await leader.click(testId('directive-dialog-close'));
    await leader.waitForSelector(dialog, { state: 'detached' });

    await leader.click(testId('directive-open-pakn-E2E-PAKN-1'));
    await leader.waitForSelector(`${dialog}[data-subject-kind="pakn"][data-subject-id="E2E-PAKN-1"]`);
    // no agency has it yet: the directive goes to its commune
    expect(await leader.inputValue(`${dialog} ${testId('directive-issue-units')}`)).toBe(COMMUNE);
    await leader.fill(testId('directive-issue-text'), 'Trả lời phản ánh về đèn đường trong 2 ngày làm việc.');
    await leader.fill(testId('directive-issue-days'), '2');
    await leader.click(testId('directive-issue-submit'));
    await expect.poll(() => leader.textContent(testId('directive-issue-note')), { timeout: 10_000 }).toMatch(/^Đã giao chỉ đạo, hạn /);

    const open = (await (await fetch(`${server.url}/api/v1/directives?status=open`, { headers: server.headers('leader') })).json()) as {
      directives: Directive[];
    };
    const issued = open.directives.find((d) => d.subject.kind === 'pakn')!;
    expect(issued).toMatchObject({ subject: { kind: 'pakn', id: 'E2E-PAKN-1', label: title }, assignments: [{ unit: COMMUNE, status: 'issued' }] });
    const source = testId(`directive-source-${issued.id}`);
    await operator.waitForSelector(source, { timeout: 10_000 });
    expect(await operator.textContent(source)).toBe(`Nguồn: Phản ánh, kiến nghị: ${title}`);
    await leader.close();
    await operator.close();
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
