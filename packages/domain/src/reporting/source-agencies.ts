import type { Label } from '@cityioc/contracts';

/** The agencies that publish the reporting indicators (reporting-indicators.json names them by key). */
export const SOURCE_AGENCIES = {
  home_affairs: { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' },
  ict: { vi: 'Sở Thông tin và Truyền thông', en: 'Department of Information and Communications' },
  ministry_home_affairs: { vi: 'Bộ Nội vụ', en: 'Ministry of Home Affairs' },
  ministry_ict: { vi: 'Bộ Thông tin và Truyền thông', en: 'Ministry of Information and Communications' },
} satisfies Record<string, Label>;
