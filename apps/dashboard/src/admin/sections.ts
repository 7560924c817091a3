/**
 * The sections of the administration area (/admin): its navigation lists them in this order.
 * `title` is an i18n key. Each section is a child route of the admin layout (app/route-tree.tsx).
 */
export const ADMIN_SECTIONS: readonly { id: string; path: string; title: string /* i18n key */ }[] = [
  { id: 'users', path: '/admin/users', title: 'access.section.users' },
  { id: 'feeds', path: '/admin/feeds', title: 'access.section.feeds' },
  { id: 'devices', path: '/admin/devices', title: 'access.section.devices' },
  { id: 'audit', path: '/admin/audit', title: 'access.section.audit' },
  { id: 'boundaries', path: '/admin/boundaries', title: 'adminArea.sections.boundaries' },
  { id: 'wall', path: '/admin/wall', title: 'wallcfg.section' },
];
