// The package ships typings but its "exports" map does not point to them, so TypeScript's
// bundler resolution cannot find them. Only the part we use is declared here.
declare module 'date-chinese' {
  export class CalendarVietnamese {
    constructor(cycle?: number, year?: number, month?: number, leap?: boolean, day?: number);
    /** [cycle, year of cycle, month, leap, day] */
    get(): [number, number, number, boolean, number];
    fromGregorian(year: number, month: number, day: number): this;
    fromJDE(jde: number): this;
    toGregorian(gyear?: number): { year: number; month: number; day: number };
    /** Julian ephemeris day of the first day of the lunar year that begins in `gyear`. */
    newYear(gyear: number): number;
  }
}
