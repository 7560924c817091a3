/**
 * The sections of the administration area (/admin), listed by its navigation. Each engineer's
 * feature adds its own entry; the layout (AdminLayout.tsx) renders whatever is here.
 */
export const ADMIN_SECTIONS: readonly { id: string; path: string; title: string /* i18n key */ }[] = [
  { id: 'boundaries', path: '/admin/boundaries', title: 'adminArea.sections.boundaries' },
];
