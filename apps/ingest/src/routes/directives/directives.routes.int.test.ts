import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Directive, DirectiveAttachment, DirectiveBoardResponse, DirectiveListResponse, DirectivePush } from '@cityioc/contracts';
import { buildTestApp, AS } from '../../../test/helpers/build-test-app.ts';
import { connected, listen, socketClients, subscribe } from '../../../test/helpers/socket-client.ts';
import { waitUntil } from '../../../../../test-support/wait.ts';

let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
/** Real socket.io clients, disconnected after each test. */
const client = socketClients();
const local = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+07:00`);
let now = local('2026-03-02 09:00');
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const LEADER = { token: 'leader-token-phochutich', name: 'Phó Chủ tịch UBND', unit: 'UBND thành phố', role: 'leader' as const, scopes: ['92'] };
const NK = { token: 'operator-token-ninhkieu', name: 'Trực ban Ninh Kiều', unit: 'UBND phường Ninh Kiều', scopes: ['31135'] };
const OM = { token: 'operator-token-omon-917', name: 'Trực ban Ô Môn', unit: 'UBND phường Ô Môn', scopes: ['31153'] };

async function start(overrides: Record<string, unknown> = {}) {
  now = local('2026-03-02 09:00');
  ({ app, cleanup } = await buildTestApp({ tickMs: 20, operators: [LEADER, NK, OM], ...overrides }, { clock: () => now }));
}
const as = (who: { token: string } | null, opts: InjectOptions) =>
  app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(who ? { 'x-operator-token': who.token } : AS.analyst) } } as InjectOptions);
const issue = (body: Record<string, unknown>, who: { token: string } = LEADER) => as(who, { method: 'POST', url: '/api/v1/directives', payload: body });
const BODY = {
  title: 'Giảm hồ sơ trễ hạn',
  text: 'Rà soát, xử lý dứt điểm hồ sơ trễ hạn và báo cáo kết quả.',
  units: ['31135', '31153'],
  deadlineWorkingDays: 2,
  subject: { kind: 'score766', id: '2.1', label: 'Tiến độ giải quyết 2.1' },
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const upload = (id: string, data: Buffer, who = NK, type = 'application/octet-stream', query = '?filename=B%C3%A1o%20c%C3%A1o%20tu%E1%BA%A7n.pdf') =>
  as(who, { method: 'POST', url: `/api/v1/directives/${id}/attachments${query}`, headers: { 'content-type': type }, payload: data });
const report = (id: string, body: Record<string, unknown>, who = NK) => as(who, { method: 'POST', url: `/api/v1/directives/${id}/reports`, payload: body });
const decide = (id: string, action: 'accept' | 'return', body: Record<string, unknown>, who: { token: string } = LEADER) =>
  as(who, { method: 'POST', url: `/api/v1/directives/${id}/${action}`, payload: body });
const expectError = (r: { statusCode: number; json: () => { error?: string } }, status: number, error: string) => {
  expect(r.statusCode).toBe(status);
  expect(r.json().error).toBe(error);
};

describe('directives: the leader’s follow-up loop', () => {
  it('issue → inbox → answer with an attachment → return → answer → accept, pushed live to a real socket.io client', async () => {
    await start();
    const s = client(await listen(app), { token: LEADER.token });
    await connected(s);
    const pushes: DirectivePush[] = [];
    s.on('directiveV1', (p) => pushes.push(p));
    expect((await subscribe(s, ['31135'])).ok).toBe(true);

    const created = await issue(BODY);
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json<Directive>();
    // 2 working days from Mon 2 Mar 09:00: Wed 4 Mar 17:00
    expect(d).toMatchObject({ status: 'open', dueAt: local('2026-03-04 17:00'), deadlineWorkingDays: 2, issuedBy: { name: LEADER.name } });
    expect(d.assignments.map((a) => [a.unit, a.status])).toEqual([
      ['31135', 'issued'],
      ['31153', 'issued'],
    ]);
    await waitUntil('the issued directive pushed', () => pushes.length === 1);
    expect(pushes[0]).toMatchObject({ action: 'issued', unit: null, directive: { id: d.id } });

    const inbox = (await as(NK, { method: 'GET', url: '/api/v1/directives?unit=31135&status=issued' })).json<DirectiveListResponse>();
    expect(inbox.directives.map((x) => [x.id, x.overdue, x.dueToday])).toEqual([[d.id, false, false]]);

    const up = await upload(d.id, PDF);
    expect(up.statusCode, up.body).toBe(201);
    const att = up.json<DirectiveAttachment>();
    expect(att).toMatchObject({ unit: '31135', name: 'Báo cáo tuần.pdf', type: 'application/pdf', size: PDF.length });

    now = local('2026-03-03 10:00');
    const done = await report(d.id, { text: 'Đã xử lý 12 hồ sơ trễ hạn.', attachments: [att.id], done: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<{ directive: Directive }>().directive.assignments[0]).toMatchObject({
      status: 'done',
      reports: [{ done: true, attachments: [{ id: att.id }] }],
    });
    await waitUntil('the report pushed', () => pushes.length === 2);
    expect(pushes[1]).toMatchObject({ action: 'reported', unit: '31135' });

    const file = await as(NK, { method: 'GET', url: `/api/v1/directives/${d.id}/attachments/${att.id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="Bao-cao-tuan.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo tuần.pdf')}`);
    expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);

    expectError(await decide(d.id, 'return', { unit: '31135' }), 422, 'note_required');
    const returned = await decide(d.id, 'return', { unit: '31135', note: 'Bổ sung danh sách hồ sơ đã xử lý' });
    expect(returned.json<{ directive: Directive }>().directive.assignments[0]!.status).toBe('returned');
    expectError(await report(d.id, { text: 'Bổ sung', attachments: [att.id], done: true }), 422, 'attachment_used');
    expect((await report(d.id, { text: 'Đã bổ sung danh sách.', done: true })).statusCode).toBe(200);
    const accepted = await decide(d.id, 'accept', { unit: '31135' });
    expect(accepted.json<{ directive: Directive }>().directive).toMatchObject({ status: 'open', assignments: [{ status: 'accepted' }, { status: 'issued' }] });
    await waitUntil('every change pushed', () => pushes.length === 5);
    expect(pushes.map((p) => p.action)).toEqual(['issued', 'reported', 'returned', 'reported', 'accepted']);
    // every change is in the audit log, by whom (the start's registry load first)
    const audit = await app.inject({ method: 'GET', url: '/api/v1/admin/audit?limit=50', headers: AS.admin });
    const records = audit.json<{ records: { actor: string; action: string; target: string | null; unit: string | null; details: unknown }[] }>().records;
    expect(
      records
        .filter((r) => r.action.startsWith('directive.'))
        .map((r) => [r.action, r.actor, r.target])
        .reverse(),
    ).toEqual([
      ['directive.issue', `token:${LEADER.name}`, d.id],
      ['directive.attach', `token:${NK.name}`, d.id],
      ['directive.report', `token:${NK.name}`, d.id],
      ['directive.return', `token:${LEADER.name}`, d.id],
      ['directive.report', `token:${NK.name}`, d.id],
      ['directive.accept', `token:${LEADER.name}`, d.id],
    ]);
    expect(records.find((r) => r.action === 'directive.attach')).toMatchObject({
      unit: '31135',
      details: { attachment: att.id, name: 'Báo cáo tuần.pdf', type: 'application/pdf', size: PDF.length },
    });
    expect(records.find((r) => r.action === 'registry.load')).toMatchObject({ actor: 'system', target: 'can-tho' });
  });

  it('refuses forbidden transitions with 409 and the reason, and a non-leader with 403', async () => {
    await start();
    const d = (await issue(BODY)).json<Directive>();
    expectError(await issue(BODY, NK), 403, 'forbidden');
    expectError(await decide(d.id, 'accept', { unit: '31153' }), 409, 'not_done');
    expectError(await decide(d.id, 'accept', { unit: '31135' }, NK), 403, 'forbidden');
    await report(d.id, { text: 'Xong', done: true });
    expectError(await report(d.id, { text: 'Thêm', done: false }), 409, 'awaiting_decision');
    await decide(d.id, 'accept', { unit: '31135' });
    expectError(await decide(d.id, 'return', { unit: '31135', note: 'x' }), 409, 'already_accepted');
    expectError(await report(d.id, { text: 'Thêm', done: false }), 409, 'already_accepted');
    expectError(await decide(d.id, 'accept', { unit: '31174' }), 404, 'not_responsible');
    expectError(await report(d.id, { unit: '31153', text: 'x', done: true }), 403, 'out_of_scope');
    expectError(await report('dir-nope', { text: 'x', done: true }), 404, 'unknown_directive');
  });

  it('refuses a directive with no responsible unit, an unknown one, or a deadline in the past (422)', async () => {
    await start();
    const bad = async (body: Record<string, unknown>, error: string, field: string) => {
      const r = await issue({ ...BODY, ...body });
      expectError(r, 422, error);
      expect(r.json<{ details: { field: string }[] }>().details[0]!.field).toBe(field);
    };
    await bad({ units: [] }, 'no_responsible_unit', '/units');
    await bad({ units: ['31135', '99999'] }, 'unknown_unit', '/units/1');
    await bad({ deadlineWorkingDays: -1 }, 'deadline_in_past', '/deadlineWorkingDays');
    await bad({ deadlineWorkingDays: undefined, dueAt: '2026-03-01T17:00:00+07:00' }, 'deadline_in_past', '/dueAt');
    await bad({ deadlineWorkingDays: undefined }, 'deadline_required', '/deadlineWorkingDays');
  });

  it('refuses an attachment too large (413) or of a forbidden type (415), by its bytes', async () => {
    await start({ attachmentMaxBytes: 4096 });
    const d = (await issue(BODY)).json<Directive>();
    expectError(await upload(d.id, Buffer.concat([PDF, Buffer.alloc(5000)])), 413, 'body_too_large');
    expectError(await upload(d.id, Buffer.from('<html><script>alert(1)</script></html>')), 415, 'forbidden_attachment_type');
    expectError(await upload(d.id, Buffer.from('<svg onload="x"/>'), NK, 'image/png'), 415, 'forbidden_attachment_type');
    expectError(await upload(d.id, Buffer.from('<html></html>'), NK, 'text/html'), 415, 'unsupported_media_type');
    expectError(await upload(d.id, PDF, OM, 'application/pdf', '?unit=31135'), 403, 'out_of_scope');
  });

  it('the board lists what is overdue and what is due today; operators see only their units', async () => {
    await start();
    const a = (await issue(BODY)).json<Directive>(); // due Wed 4 Mar 17:00
    const b = (await issue({ ...BODY, units: ['31153'], deadlineWorkingDays: 3 })).json<Directive>(); // due Thu 5 Mar 17:00
    await report(a.id, { text: 'Xong', done: true }); // 916 answered; 917 still owes it
    now = local('2026-03-05 09:00');
    const board = (await as(null, { method: 'GET', url: '/api/v1/directives/board' })).json<DirectiveBoardResponse>();
    expect(board.today).toBe('2026-03-05');
    expect(board.overdue.map((x) => [x.id, x.workingDaysLate])).toEqual([[a.id, 0.67]]);
    expect(board.dueToday.map((x) => x.id)).toEqual([b.id]);
    const nk = (await as(NK, { method: 'GET', url: '/api/v1/directives' })).json<DirectiveListResponse>();
    expect(nk.directives.map((x) => x.id)).toEqual([a.id]);
    expectError(await as(NK, { method: 'GET', url: '/api/v1/directives?unit=31153' }), 403, 'out_of_scope');
    expectError(await as(NK, { method: 'GET', url: `/api/v1/directives/${b.id}` }), 404, 'unknown_directive');
    expect(
      (await as(OM, { method: 'GET', url: '/api/v1/directives?status=issued' }))
        .json<DirectiveListResponse>()
        .directives.map((x) => x.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
  });
});
