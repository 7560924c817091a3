import { WALL_ID_PATTERN } from '@cityioc/contracts';
import { text, type RawSearch } from '../app/search.ts';

/** /operator/briefing?wall=phong-hop: the wall the briefing page pins to (a link for one meeting room). */
export interface BriefingSearch {
  wall?: string;
}

const WALL_ID = new RegExp(WALL_ID_PATTERN);

/** The route's validateSearch: pure, never throws; a malformed wall name is dropped. */
export function validateBriefingSearch(raw: RawSearch): BriefingSearch {
  const wall = text(raw.wall);
  return { wall: wall !== undefined && WALL_ID.test(wall) ? wall : undefined };
}
