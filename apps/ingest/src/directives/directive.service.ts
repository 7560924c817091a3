import { createHash, randomUUID } from 'node:crypto';
import type {
  AssignmentStatus,
  Directive,
  DirectiveAttachment,
  DirectiveBoardResponse,
  DirectiveIssueBody,
  DirectivePush,
  DirectiveReportBody,
  DirectiveView,
} from '@cityioc/contracts';
import {
  applyDirectiveCommand,
  dateBoundBreak,
  directiveView,
  localDateOf,
  type AgencyIndex,
  type CatalogueIndex,
  type DateBounds,
  type DirectiveCommand,
  type WorkCalendar,
} from '@cityioc/domain';
import type { Operator } from '../procedures/operator-scope.ts';
import { resolveUnit } from '../procedures/unit-scope.ts';
import type { DirectiveLog } from '../store/store.ts';
import { attachmentType, safeFileName } from './attachments.ts';

export type DirectiveResult<T> =
  { ok: true; value: T } | { ok: false; status: 403 | 404 | 409 | 413 | 415 | 422; reason: string; message: string; field?: string };

const fail = (status: 403 | 404 | 409 | 413 | 415 | 422, reason: string, message: string, field?: string) => ({
  ok: false as const,
  status,
  reason,
  message,
  ...(field ? { field } : {}),
});

export interface DirectiveDeps {
  store: DirectiveLog;
  calendar: WorkCalendar;
  index: CatalogueIndex;
  agencies: AgencyIndex;
  bounds: DateBounds;
  maxAttachmentBytes: number;
  /** The one broadcaster: `directiveV1` to the rooms of these scopes. */
  push: (p: DirectivePush, scopes: readonly string[]) => void;
  clock: () => number;
}

/**
 * The leader's follow-up loop: directives issued from the wall to responsible units, answered by
 * their operators (reports, attachments, done), accepted or returned by a leader. Commands run one
 * at a time on a node and each stored change checks the directive's revision, so two nodes never
 * overwrite each other (409 stale_revision). Every change is pushed as `directiveV1`.
 */
export class DirectiveService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DirectiveDeps) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The scopes (area codes) a directive is pushed to: each responsible unit's area and its ancestors (the city included). */
  private scopesOf(d: Directive): string[] {
    const out = new Set<string>([this.deps.index.catalogue.city.code]);
    for (const a of d.assignments) {
      const area = this.deps.index.area(a.unit) ? a.unit : this.deps.agencies.get(a.unit)?.adminUnitCode;
      if (area) for (const s of this.deps.index.ancestorsAndSelf(area)) out.add(s);
    }
    return [...out];
  }

  private emit(d: Directive, action: DirectivePush['action'], unit: string | null): void {
    this.deps.push({ directive: d, action, unit, serverTime: this.deps.clock() }, this.scopesOf(d));
  }

  private covers(op: Operator, d: Directive): boolean {
    return d.assignments.some((a) => op.covers(a.unit));
  }

  issue(body: DirectiveIssueBody, leader: Operator, now: number): Promise<DirectiveResult<Directive>> {
    if (body.units.length === 0) return Promise.resolve(fail(422, 'no_responsible_unit', 'name at least one responsible unit', '/units'));
    const units = [...new Set(body.units)];
    for (let i = 0; i < units.length; i++)
      if (!resolveUnit(units[i]!, this.deps.index, this.deps.agencies))
        return Promise.resolve(fail(422, 'unknown_unit', `unit '${units[i]}' is neither an area nor an agency of the catalogues`, `/units/${i}`));
    if ((body.deadlineWorkingDays === undefined) === (body.dueAt === undefined))
      return Promise.resolve(
        fail(422, 'deadline_required', 'give the deadline either in working days (deadlineWorkingDays) or as an instant (dueAt)', '/deadlineWorkingDays'),
      );
    let dueAt: number;
    if (body.deadlineWorkingDays !== undefined) {
      if (body.deadlineWorkingDays < 0)
        return Promise.resolve(fail(422, 'deadline_in_past', `a deadline of ${body.deadlineWorkingDays} working days is in the past`, '/deadlineWorkingDays'));
      dueAt = this.deps.calendar.addWorkingDays(now, body.deadlineWorkingDays);
    } else {
      dueAt = Date.parse(body.dueAt!);
      if (dueAt <= now) return Promise.resolve(fail(422, 'deadline_in_past', `dueAt ${body.dueAt} is in the past`, '/dueAt'));
      if (dateBoundBreak(dueAt, 'due', now, this.deps.bounds))
        return Promise.resolve(fail(422, 'implausible_date', `dueAt ${body.dueAt} is too far ahead`, '/dueAt'));
    }
    const by = { name: leader.name, unit: leader.unit };
    const d: Directive = {
      id: `dir-${randomUUID()}`,
      title: body.title ?? null,
      text: body.text,
      subject: body.subject,
      issuedBy: by,
      issuedAt: now,
      deadlineWorkingDays: body.deadlineWorkingDays ?? null,
      dueAt,
      status: 'open',
      assignments: units.map((unit) => ({
        unit,
        unitName: resolveUnit(unit, this.deps.index, this.deps.agencies)!.name,
        status: 'issued' as AssignmentStatus,
        updatedAt: now,
        reports: [],
        decisions: [],
      })),
      revision: 1,
      updatedAt: now,
    };
    return this.serial(async () => {
      await this.deps.store.insertDirective(d);
      this.emit(d, 'issued', null);
      return { ok: true as const, value: d };
    });
  }

  async get(id: string, op: Operator | null): Promise<Directive | null> {
    const d = await this.deps.store.getDirective(id);
    return d && (!op || this.covers(op, d)) ? d : null;
  }

  view(d: Directive, now: number): DirectiveView {
    return directiveView(d, now, this.deps.calendar);
  }

  /** Directives of a unit (or of the operator's scope), by status: an assignment status of that unit, or 'open'/'closed'. */
  async list(
    q: { unit?: string | undefined; status?: readonly string[] | undefined; limit: number },
    op: Operator | null,
    now: number,
  ): Promise<DirectiveView[]> {
    const all = await this.deps.store.listDirectives();
    const out: DirectiveView[] = [];
    for (const d of all) {
      if (op && !this.covers(op, d)) continue;
      const mine = q.unit === undefined ? d.assignments : d.assignments.filter((a) => a.unit === q.unit || this.unitUnder(a.unit, q.unit!));
      if (mine.length === 0) continue;
      if (q.status && !q.status.some((s) => s === d.status || mine.some((a) => a.status === s))) continue;
      out.push(this.view(d, now));
      if (out.length >= q.limit) break;
    }
    return out;
  }

  /** A responsible unit lies under an asked area (a commune under a district, every unit under the city). */
  private unitUnder(unit: string, asked: string): boolean {
    const scope = resolveUnit(asked, this.deps.index, this.deps.agencies);
    if (!scope || scope.kind === 'agency') return scope?.containsAgency(unit) ?? false;
    return this.deps.index.area(unit) ? scope.containsArea(unit) : scope.containsAgency(unit);
  }

  /** The wall's board: open directives overdue, and those due today. */
  async board(now: number, op: Operator | null): Promise<DirectiveBoardResponse> {
    const views = (await this.deps.store.listDirectives()).filter((d) => d.status === 'open' && (!op || this.covers(op, d))).map((d) => this.view(d, now));
    return {
      serverTime: now,
      today: localDateOf(now),
      overdue: views.filter((v) => v.overdue).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id)),
      dueToday: views.filter((v) => v.dueToday).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id)),
    };
  }

  /** The responsible unit an operator answers for: the one asked (in their scope), or the only one of the directive in their scope. */
  private unitFor(d: Directive, op: Operator, asked: string | undefined): DirectiveResult<string> {
    const mine = d.assignments.filter((a) => op.covers(a.unit)).map((a) => a.unit);
    if (asked !== undefined) {
      if (!d.assignments.some((a) => a.unit === asked))
        return fail(404, 'not_responsible', `unit '${asked}' is not responsible for directive ${d.id}`, '/unit');
      if (!mine.includes(asked)) return fail(403, 'out_of_scope', `unit '${asked}' is outside the scope of ${op.name}`, '/unit');
      return { ok: true, value: asked };
    }
    if (mine.length === 1) return { ok: true, value: mine[0]! };
    return mine.length === 0
      ? fail(403, 'out_of_scope', `no responsible unit of directive ${d.id} is in the scope of ${op.name}`, '/unit')
      : fail(422, 'unit_required', `several responsible units are in your scope (${mine.join(', ')}): say which one answers`, '/unit');
  }

  upload(
    id: string,
    asked: string | undefined,
    fileName: string | undefined,
    data: Buffer,
    op: Operator,
    now: number,
  ): Promise<DirectiveResult<DirectiveAttachment>> {
    return this.serial(async () => {
      if (data.length > this.deps.maxAttachmentBytes)
        return fail(413, 'attachment_too_large', `an attachment is at most ${this.deps.maxAttachmentBytes} bytes`);
      const type = attachmentType(data);
      if (!type) return fail(415, 'forbidden_attachment_type', 'attachments are PDF, PNG, JPEG, DOCX or XLSX files (checked from their content)');
      const d = await this.get(id, op);
      if (!d) return fail(404, 'unknown_directive', `no directive '${id}' in your scope`);
      const unit = this.unitFor(d, op, asked);
      if (!unit.ok) return unit;
      if (d.assignments.find((a) => a.unit === unit.value)!.status === 'accepted')
        return fail(409, 'already_accepted', `directive ${id}, unit ${unit.value}: the answer was accepted; nothing more can be attached`);
      const a: DirectiveAttachment = {
        id: `att-${randomUUID()}`,
        directiveId: id,
        unit: unit.value,
        name: safeFileName(fileName, type),
        type,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        uploadedAt: now,
        uploadedBy: { name: op.name, unit: op.unit },
      };
      await this.deps.store.putAttachment(a, data);
      return { ok: true as const, value: a };
    });
  }

  attachment(directiveId: string, attachmentId: string, op: Operator | null) {
    return this.get(directiveId, op).then(async (d) => {
      if (!d) return null;
      const a = await this.deps.store.getAttachment(attachmentId);
      return a && a.attachment.directiveId === directiveId ? a : null;
    });
  }

  report(id: string, body: DirectiveReportBody, op: Operator, now: number): Promise<DirectiveResult<Directive>> {
    return this.serial(async () => {
      const d = await this.get(id, op);
      if (!d) return fail(404, 'unknown_directive', `no directive '${id}' in your scope`);
      const unit = this.unitFor(d, op, body.unit);
      if (!unit.ok) return unit;
      const used = new Set(d.assignments.flatMap((a) => a.reports.flatMap((r) => r.attachments.map((x) => x.id))));
      const attachments: DirectiveAttachment[] = [];
      for (const [i, attId] of (body.attachments ?? []).entries()) {
        const got = await this.deps.store.getAttachment(attId);
        if (!got || got.attachment.directiveId !== id || got.attachment.unit !== unit.value)
          return fail(422, 'unknown_attachment', `attachment '${attId}' was not uploaded to directive ${id} for unit ${unit.value}`, `/attachments/${i}`);
        if (used.has(attId)) return fail(422, 'attachment_used', `attachment '${attId}' is already part of a report`, `/attachments/${i}`);
        attachments.push(got.attachment);
      }
      const cmd: DirectiveCommand = {
        action: 'report',
        unit: unit.value,
        reportId: `rep-${randomUUID()}`,
        text: body.text,
        done: body.done,
        attachments,
        by: { name: op.name, unit: op.unit },
        at: now,
      };
      return this.apply(d, cmd, 'reported');
    });
  }

  decide(
    id: string,
    action: 'accept' | 'return',
    body: { unit: string; note?: string | undefined },
    leader: Operator,
    now: number,
  ): Promise<DirectiveResult<Directive>> {
    return this.serial(async () => {
      const d = await this.deps.store.getDirective(id);
      if (!d) return fail(404, 'unknown_directive', `no directive '${id}'`);
      const cmd: DirectiveCommand = { action, unit: body.unit, note: body.note ?? null, by: { name: leader.name, unit: leader.unit }, at: now };
      return this.apply(d, cmd, action === 'accept' ? 'accepted' : 'returned');
    });
  }

  private async apply(d: Directive, cmd: DirectiveCommand, action: DirectivePush['action']): Promise<DirectiveResult<Directive>> {
    const r = applyDirectiveCommand(d, cmd);
    if (!r.ok) return fail(r.status, r.reason, r.message, r.field);
    if (!(await this.deps.store.updateDirective(r.directive, d.revision)))
      return fail(409, 'stale_revision', `directive ${d.id} changed meanwhile (revision ${d.revision}); read it again`);
    this.emit(r.directive, action, cmd.unit);
    return { ok: true, value: r.directive };
  }
}
