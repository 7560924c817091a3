import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SheetCell, SheetGrid } from '@cityioc/domain';

/**
 * A sheet grid as a few flat arrays, to pass from the reading worker to the event loop: copying
 * 200,000 small cell objects between threads costs about half a second of the receiving thread
 * (structured clone), copying these arrays a few milliseconds.
 */
export interface PackedGrid {
  rows: number;
  width: number;
  /** per position (row-major): one of KIND */
  kinds: Uint8Array;
  /** number, date and numeric formula results, in position order */
  nums: Float64Array;
  /** texts, formulas and text formula results, in position order, joined; `ends` marks where each stops */
  text: string;
  ends: Uint32Array;
}

const KIND = { empty: 0, text: 1, number: 2, date: 3, formulaNumber: 4, formulaText: 5, formulaNone: 6 } as const;

export function packGrid(grid: SheetGrid): PackedGrid {
  const rows = grid.length;
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const kinds = new Uint8Array(rows * width);
  const nums: number[] = [];
  const texts: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      const at = r * width + c;
      if (cell === null) continue;
      switch (cell.kind) {
        case 'text':
          kinds[at] = KIND.text;
          texts.push(cell.text);
          break;
        case 'number':
          kinds[at] = KIND.number;
          nums.push(cell.value);
          break;
        case 'date':
          kinds[at] = KIND.date;
          nums.push(cell.ms);
          break;
        case 'formula':
          texts.push(cell.formula);
          if (typeof cell.result === 'number') {
            kinds[at] = KIND.formulaNumber;
            nums.push(cell.result);
          } else if (typeof cell.result === 'string') {
            kinds[at] = KIND.formulaText;
            texts.push(cell.result);
          } else kinds[at] = KIND.formulaNone;
          break;
      }
    }
  }
  const ends = new Uint32Array(texts.length);
  let end = 0;
  for (let i = 0; i < texts.length; i++) ends[i] = end += texts[i]!.length;
  return { rows, width, kinds, nums: Float64Array.from(nums), text: texts.join(''), ends };
}

/** Rows rebuilt per turn of the event loop. */
const ROWS_PER_TURN = 2_000;

/** Rebuilds the grid a slice of rows at a time, serving the event loop in between. */
export async function unpackGrid(p: PackedGrid): Promise<SheetGrid> {
  const grid: SheetCell[][] = new Array(p.rows);
  let n = 0;
  let t = 0;
  const nextText = () => p.text.slice(t === 0 ? 0 : p.ends[t - 1], p.ends[t++]);
  for (let r = 0; r < p.rows; r++) {
    if (r > 0 && r % ROWS_PER_TURN === 0) await nextTurn();
    const row: SheetCell[] = new Array(p.width);
    for (let c = 0; c < p.width; c++) {
      switch (p.kinds[r * p.width + c]) {
        case KIND.text:
          row[c] = { kind: 'text', text: nextText() };
          break;
        case KIND.number:
          row[c] = { kind: 'number', value: p.nums[n++]! };
          break;
        case KIND.date:
          row[c] = { kind: 'date', ms: p.nums[n++]! };
          break;
        case KIND.formulaNumber:
          row[c] = { kind: 'formula', formula: nextText(), result: p.nums[n++]! };
          break;
        case KIND.formulaText: {
          const formula = nextText();
          row[c] = { kind: 'formula', formula, result: nextText() };
          break;
        }
        case KIND.formulaNone:
          row[c] = { kind: 'formula', formula: nextText(), result: null };
          break;
        default:
          row[c] = null;
      }
    }
    grid[r] = row;
  }
  return grid;
}
