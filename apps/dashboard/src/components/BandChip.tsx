import type { BandView } from '../cells/band-view.ts';

export function BandChip({ band, suffix }: { band: BandView; suffix?: string | null }) {
  return (
    <span className="band-chip" style={{ backgroundColor: band.color, color: band.textColor }}>
      {band.label}
      {suffix ? <span className="band-chip-suffix">{suffix}</span> : null}
    </span>
  );
}
