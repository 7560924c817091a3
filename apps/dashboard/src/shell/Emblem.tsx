/** The IOC emblem of the header and the sign-in page. */
export function Emblem({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" strokeWidth="2.5" opacity="0.9" />
      <circle cx="24" cy="24" r="14" fill="none" stroke="currentColor" strokeWidth="2" opacity="0.45" />
      <path d="M6 30 Q16 24 24 30 T42 30" fill="none" stroke="#38bdf8" strokeWidth="3" strokeLinecap="round" />
      <circle cx="24" cy="18" r="4" fill="currentColor" />
    </svg>
  );
}
