import type { DossierFact } from './dossier-record.ts';

/**
 * The codes a state repeats across millions of dossiers (procedure, agency, unit, field,
 * processing unit), each kept once and written as its number in a packed dossier.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];

  constructor(strings: readonly string[] = []) {
    for (const s of strings) this.id(s);
  }

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  at(id: number): string {
    const s = this.list[id];
    if (s === undefined) throw new Error(`packed dossier names string ${id}, the table has ${this.list.length}`);
    return s;
  }

  /** Every string in id order (a checkpoint carries them beside the packed dossiers). */
  strings(): readonly string[] {
    return this.list;
  }
}

// A packed dossier is text: facts separated by ';', fields by ',', supplement requests by '|',
// their parts by ':'. Values: '~' null, 'T'/'F' booleans, integers in base 36, other numbers 'N' +
// their shortest exact decimal form; strings of the table by their base-36 id. In the first fact ''
// is absent; in the next ones '' is the previous fact's value (absent or not: feeds repeat most
// fields, and trailing empty fields are not written) and '_' absent. '=' is the fact's own statusAt
// (a reception, finish or return time is usually the status's time). A fact's statusAt after the
// first is the step from the previous one.
const SAFE_ID = /^[A-Za-z0-9_\-.@/+=#]*$/;

function num(x: number): string {
  return Number.isSafeInteger(x) ? x.toString(36) : `N${String(x)}`;
}

function val(x: number | boolean | null | undefined): string {
  if (x === undefined) return '';
  if (x === null) return '~';
  if (x === true) return 'T';
  if (x === false) return 'F';
  return num(x);
}

function unval(s: string | undefined): number | boolean | null | undefined {
  if (s === undefined || s === '') return undefined;
  if (s === '~') return null;
  if (s === 'T') return true;
  if (s === 'F') return false;
  if (s.charCodeAt(0) === 78 /* N */) return Number(s.slice(1));
  return parseInt(s, 36);
}

function numOf(s: string | undefined): number {
  const v = unval(s);
  if (typeof v !== 'number') throw new Error(`packed dossier: expected a number, found '${s}'`);
  return v;
}

function str(x: string | undefined, table: StringTable): string {
  return x === undefined ? '' : table.id(x).toString(36);
}

function unstr(s: string | undefined, table: StringTable): string | undefined {
  return s === undefined || s === '' ? undefined : table.at(parseInt(s, 36));
}

/** An event id: '$' + the rest when it starts with the dossier code, as is when plain, else '%' + its escaped JSON. */
function eventIdOut(id: string, dossierCode: string): string {
  if (id.startsWith(dossierCode) && SAFE_ID.test(id.slice(dossierCode.length))) return `$${id.slice(dossierCode.length)}`;
  if (SAFE_ID.test(id) && id !== '') return id;
  return `%${encodeURIComponent(JSON.stringify(id))}`;
}

function eventIdIn(s: string, dossierCode: string): string {
  const c = s.charCodeAt(0);
  if (c === 36 /* $ */) return dossierCode + s.slice(1);
  if (c === 37 /* % */) return JSON.parse(decodeURIComponent(s.slice(1))) as string;
  return s;
}

type Supplements = NonNullable<DossierFact['supplements']>;

function supplementsOut(list: DossierFact['supplements']): string {
  if (list === undefined) return '';
  if (list.length === 0) return 'E';
  return list.map((s) => [num(s.requestedAt), val(s.completedAt), val(s.dueBefore), val(s.dueAfter)].join(':')).join('|');
}

function supplementsIn(s: string | undefined): Supplements | undefined {
  if (s === undefined || s === '') return undefined;
  if (s === 'E') return [];
  return s.split('|').map((item) => {
    const [r, c, b, a] = item.split(':');
    return {
      requestedAt: numOf(r),
      completedAt: (unval(c) ?? null) as number | null,
      dueBefore: unval(b) as number | undefined,
      dueAfter: unval(a) as number | undefined,
    };
  });
}

const FLAGS = [
  'feeBearing',
  'onlinePayment',
  'digitized',
  'reusedDigitizedData',
  'personalStorage',
  'eResult',
  'vneidVerified',
  'syncedToDvcqg',
  'populationData',
  'eCertifiedCopy',
] as const;

/** The optional times ('=' when equal to the fact's statusAt). */
type TimeField = 'receivedAt' | 'dueAt' | 'finishedAt' | 'returnedAt' | 'submittedAt' | 'rejectedAt';
/** The optional fields written with `val`. */
type ValueField = TimeField | (typeof FLAGS)[number];
/** The codes written as their number in the table. */
type StringField = 'procedureCode' | 'agencyCode' | 'adminUnitCode' | 'fieldCode' | 'processingUnit';

/** statusAt: the first fact's as it is, the next ones' as the step from the previous (exact for integers), 'A' + itself otherwise. */
function statusAtOut(at: number, prev: number | undefined): string {
  if (prev === undefined) return num(at);
  return Number.isSafeInteger(at) && Number.isSafeInteger(prev) && Number.isSafeInteger(at - prev) ? num(at - prev) : `A${num(at)}`;
}

function statusAtIn(s: string | undefined, prev: number | undefined): number {
  if (prev === undefined) return numOf(s);
  return s !== undefined && s.charCodeAt(0) === 65 /* A */ ? numOf(s.slice(1)) : prev + numOf(s);
}

/** The fields `packFacts` writes as string-table ids (`str`); every other field is written inline. */
const TABLE_FIELDS = ['procedureCode', 'agencyCode', 'adminUnitCode', 'fieldCode', 'processingUnit'] as const satisfies readonly (keyof DossierFact)[];

/**
 * Adds to `table` every string `packFacts` would add for these facts, and packs nothing: after it,
 * `packFacts(facts, table)` reads the table without changing it. A checkpoint interns the dossiers it
 * holds in memory when it cuts the state (its string table is written first) and packs them later,
 * as it writes them.
 */
export function internFacts(facts: readonly DossierFact[], table: StringTable): void {
  for (const f of facts)
    for (const k of TABLE_FIELDS) {
      const x = f[k];
      if (x !== undefined) table.id(x);
    }
}

/**
 * Packs one dossier's facts (all of the same dossier code) into a short string that
 * `unpackFacts` turns back into equal facts: a finished dossier keeps ~120 bytes instead of its
 * objects. A field of a fact is written only when it differs from the previous fact's.
 */
export function packFacts(facts: readonly DossierFact[], table: StringTable): string {
  let prev: DossierFact | undefined;
  const out: string[] = [];
  for (const f of facts) {
    const p = prev;
    // '' for the previous fact's value, '_' for absent after a value
    const rel = <K extends keyof DossierFact>(k: K, write: (x: Exclude<DossierFact[K], undefined>) => string) =>
      p !== undefined && p[k] === f[k] ? '' : f[k] === undefined ? (p === undefined ? '' : '_') : write(f[k] as Exclude<DossierFact[K], undefined>);
    const v = <K extends ValueField>(k: K) => rel(k, (x) => val(x));
    const time = (k: TimeField) => rel(k, (x) => (x === f.statusAt ? '=' : val(x)));
    const fields = [
      eventIdOut(f.eventId, f.dossierCode),
      num(f.status),
      statusAtOut(f.statusAt, p?.statusAt),
      rel('procedureCode', (x) => str(x, table)),
      rel('agencyCode', (x) => str(x, table)),
      rel('adminUnitCode', (x) => str(x, table)),
      rel('channel', (x) => num(x)),
      time('receivedAt'),
      time('dueAt'),
      time('finishedAt'),
      time('returnedAt'),
      time('submittedAt'),
      time('rejectedAt'),
      rel('fieldCode', (x) => str(x, table)),
      rel('processingUnit', (x) => str(x, table)),
      ...FLAGS.map(v),
      supplementsOut(f.supplements),
    ];
    let n = fields.length;
    while (n > 0 && fields[n - 1] === '') n--;
    out.push(fields.slice(0, n).join(','));
    prev = f;
  }
  return out.join(';');
}

/** The facts `packFacts` packed, with the same properties in the same order as `toDossierFact` makes them. */
export function unpackFacts(dossierCode: string, packed: string, table: StringTable): DossierFact[] {
  const facts: DossierFact[] = [];
  let prev: DossierFact | undefined;
  for (const text of packed.split(';')) {
    const p = text.split(',');
    const pr = prev;
    // the previous fact's value for '', absent for '_' (and for '' in the first fact), else `read`
    const rel = <K extends keyof DossierFact>(i: number, k: K, read: (s: string) => DossierFact[K]): DossierFact[K] => {
      const s = p[i];
      if (s === undefined || s === '') return pr === undefined ? (undefined as DossierFact[K]) : pr[k];
      return s === '_' ? (undefined as DossierFact[K]) : read(s);
    };
    const v = <K extends ValueField>(i: number, k: K) => rel(i, k, (s) => unval(s) as DossierFact[K]);
    const statusAt = statusAtIn(p[2], pr?.statusAt);
    const time = <K extends TimeField>(i: number, k: K) => rel(i, k, (s) => (s === '=' ? statusAt : unval(s)) as DossierFact[K]);
    const code = <K extends StringField>(i: number, k: K) => rel(i, k, (s) => unstr(s, table) as DossierFact[K]);
    const flag = <K extends (typeof FLAGS)[number]>(i: number, k: K) => v(15 + i, k);
    const f: DossierFact = {
      eventId: eventIdIn(p[0]!, dossierCode),
      dossierCode,
      procedureCode: code(3, 'procedureCode'),
      fieldCode: code(13, 'fieldCode'),
      agencyCode: code(4, 'agencyCode'),
      adminUnitCode: code(5, 'adminUnitCode'),
      processingUnit: code(14, 'processingUnit'),
      channel: rel(6, 'channel', (s) => numOf(s) as DossierFact['channel']),
      status: numOf(p[1]) as DossierFact['status'],
      statusAt,
      submittedAt: time(11, 'submittedAt'),
      receivedAt: time(7, 'receivedAt'),
      dueAt: time(8, 'dueAt'),
      finishedAt: time(9, 'finishedAt'),
      returnedAt: time(10, 'returnedAt'),
      rejectedAt: time(12, 'rejectedAt'),
      supplements: supplementsIn(p[15 + FLAGS.length]),
      feeBearing: flag(0, 'feeBearing'),
      onlinePayment: flag(1, 'onlinePayment'),
      digitized: flag(2, 'digitized'),
      reusedDigitizedData: flag(3, 'reusedDigitizedData'),
      personalStorage: flag(4, 'personalStorage'),
      eResult: flag(5, 'eResult'),
      vneidVerified: flag(6, 'vneidVerified'),
      syncedToDvcqg: flag(7, 'syncedToDvcqg'),
      populationData: flag(8, 'populationData'),
      eCertifiedCopy: flag(9, 'eCertifiedCopy'),
    };
    facts.push(f);
    prev = f;
  }
  return facts;
}

/**
 * A counter vector as text: the positions holding 1 as a base-36 bit set, then each other
 * non-zero value as ',position:value' ('' for all zeros); exact for any numbers. Vectors of up
 * to 52 positions (the counters of one dossier's part are flags and a few sums of milliseconds).
 */
export function packVector(v: ArrayLike<number>): string {
  if (v.length > 52) throw new Error(`packVector: ${v.length} positions, at most 52`);
  let bits = 0;
  let rest = '';
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x === 1) bits += 2 ** i;
    else if (x !== 0) rest += `,${i.toString(36)}:${num(x)}`;
  }
  return bits === 0 && rest === '' ? '' : bits.toString(36) + rest;
}

/** The vector of `packVector`, `length` long. */
export function unpackVector(s: string, length: number): number[] {
  const v = new Array<number>(length).fill(0);
  if (s === '') return v;
  const [head, ...rest] = s.split(',');
  let bits = parseInt(head!, 36);
  for (let i = 0; bits > 0; i++, bits = Math.floor(bits / 2)) if (bits % 2 === 1) v[i] = 1;
  for (const r of rest) {
    const at = r.indexOf(':');
    v[parseInt(r.slice(0, at), 36)] = numOf(r.slice(at + 1));
  }
  return v;
}
