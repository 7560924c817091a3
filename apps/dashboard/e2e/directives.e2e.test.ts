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
import type { Directive } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { DESK_VIEWPORT, openE2e, testId, type E2e } from './support/e2e.ts';

const COMMUNE = '31135'; // phường Ninh Kiều: the test operator's scope
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
  e2e = await openE2e({ pageErrors });
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
    const r = await fetch(`${server.url}/api/v1/directives`, {
      method: 'POST',
      headers: server.headers('leader', { 'content-type': 'application/json' }),
      body: JSON.stringify({
        title: 'Báo cáo hồ sơ <i>trễ hạn</i>',
        text: 'Phường Ninh Kiều gửi danh sách hồ sơ trễ hạn trong tháng.',
        units: [COMMUNE],
        dueAt: new Date(Date.now() + 3 * 60_000).toISOString(),
        subject: { kind: 'score766', id: '2.1', label: 'Tiến độ giải quyết' },
      }),
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
  });
});
