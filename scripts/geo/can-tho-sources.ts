import type { RegistrySource } from '../../packages/contracts/src/index.ts';

/** Every source the default Cần Thơ registry rests on; units cite them by id. */
export const SOURCES: RegistrySource[] = [
  {
    id: 'nq-202-2025-qh15',
    title: 'Nghị quyết 202/2025/QH15 (12/6/2025) về sắp xếp đơn vị hành chính cấp tỉnh; in force 1/7/2025',
    url: 'https://baotintuc.vn (as cited in BRIEF §4.2)',
    used: 'The new Thành phố Cần Thơ (code 92) from Cần Thơ, Hậu Giang (93) and Sóc Trăng (94): 6,360.83 km², 4,199,824 people, from 2025-07-01.',
  },
  {
    id: 'nq-1668-2025',
    title: 'Nghị quyết 1668/NQ-UBTVQH15 (16/6/2025) về sắp xếp các đơn vị hành chính cấp xã của thành phố Cần Thơ năm 2025',
    url: 'https://plo.vn/chinh-thuc-thong-qua-viec-thanh-lap-103-xa-phuong-cua-tp-can-tho-moi-post855571.html',
    used: 'The 103 commune-level units (31 phường, 72 xã; 8 unchanged), their names and types, and which old units each absorbed (whole or in part).',
  },
  {
    id: 'qd-19-2025-ttg',
    title: 'Quyết định 19/2025/QĐ-TTg, bảng danh mục và mã số các đơn vị hành chính Việt Nam (from 1/7/2025)',
    used: '5-digit codes of the 103 units (a new unit keeps the code of one of its predecessors).',
  },
  {
    id: 'bando-sapnhap-2025',
    title:
      'Bộ Nội vụ merger map (sapnhap.bando.com.vn), fields ten/truocsn/trungtamhc/dt/ds, as captured in thanglequoc/vietnamese-provinces-database @ cd58063 (dataset-generation-scripts/resources/gis)',
    url: 'https://github.com/thanglequoc/vietnamese-provinces-database',
    licence: 'repository MIT; government facts (codes, names, figures) only, no file copied',
    used: 'Area (km²) and population of each of the 103 units, the seat of its people’s committee, predecessor lists with "(phần còn lại …)" marking the splits.',
  },
  {
    id: 'gso-dmhc-2024',
    title:
      'GSO danh mục đơn vị hành chính (danhmuchanhchinh.gso.gov.vn) as of 16/10/2024, as carried by TcMits/vnprovince @ ec8f0ab data/divisions_16_10_2024.csv',
    url: 'https://github.com/TcMits/vnprovince',
    licence: 'no licence stated in the repository; government code list, facts only (codes, names, types, parents)',
    used: 'Codes, names, types and district of the 83 (then 80) units of old Cần Thơ, 75 of Hậu Giang and 108 of Sóc Trăng, and their 28 districts.',
  },
  {
    id: 'tcmits-v1-v2',
    title: 'TcMits/vnprovince @ 204a6d8 v2/cmd/generatev1Mapv2/can_tho.csv (old → new map)',
    url: 'https://github.com/TcMits/vnprovince',
    licence: 'no licence stated; used only to cross-check predecessor lists',
    used: 'Cross-check of the predecessor lists (disagreements listed in notes).',
  },
  {
    id: 'nq-1192-2024',
    title: 'Nghị quyết 1192/NQ-UBTVQH15 (28/9/2024) về sắp xếp đơn vị hành chính cấp xã của thành phố Cần Thơ giai đoạn 2023–2025; in force 1/11/2024',
    url: 'https://plo.vn/tp-can-tho-sap-nhap-4-phuong-thanh-1-tu-ngay-1-11-2024-post814063.html',
    used: 'An Phú (0.50 km², 10,851), An Nghiệp (0.35 km², 7,635) and An Cư (0.61 km², 23,313) merged into Thới Bình (1.99 km², 56,364); the city then had 80 units (39 phường, 5 thị trấn, 36 xã).',
  },
  {
    id: 'nq-893-2020',
    title: 'Nghị quyết 893/NQ-UBTVQH14 (2020) về sắp xếp các đơn vị hành chính cấp xã thuộc thành phố Cần Thơ',
    url: 'https://www.tienphong.vn/xa-hoi/thuong-vu-quoc-hoi-ra-nghi-quyet-sap-nhap-huyen-xa-tai-6-tinh-thanh-pho-1523283.tpo',
    used: 'An Hội (0.34 km², 6,464) and An Lạc (0.47 km², 10,257) merged into Tân An (1.37 km², 21,924): why older lists (GADM) show 85 units. Before historyFrom, so not modelled.',
  },
  {
    id: 'tb-864-2025',
    title: 'Thông báo 864/TB-SNV (14/4/2025), Sở Nội vụ thành phố Cần Thơ',
    url: 'https://www.vietnamplus.vn/tinh-gon-bo-may-can-tho-sap-xep-con-32-don-vi-hanh-chinh-cap-xa-post1027748.vnp',
    used: 'The part of phường Bùi Hữu Nghĩa that went to phường Cái Khế: 1.83 km², 330 people.',
  },
  {
    id: 'nq-22-2003-qh11',
    title: 'Nghị quyết 22/2003/QH11 (26/11/2003) chia tỉnh Cần Thơ thành thành phố Cần Thơ trực thuộc trung ương và tỉnh Hậu Giang; in force 1/1/2004',
    used: 'validFrom 2004-01-01 of the old city 92 and of Hậu Giang 93.',
  },
  {
    id: 'brief-4-1',
    title: 'CityIOC domain brief §4.1 (district centroids from kcjpop/vietnam-topojson polygons or a gazetteer; areas)',
    used: 'Approximate centres and areas of the 9 old districts and of the old city (display only).',
  },
  {
    id: 'rep-points',
    title:
      'Representative points computed by scripts/geo/representative-points.oneoff.ts (turf pointOnFeature) from the 2025 ward boundaries in thanglequoc/vietnamese-provinces-database @ cd58063 json/geojson/92_can_tho',
    licence: 'repository MIT; only the rounded points (0.001°) are carried, no geometry',
    used: 'A point inside each of the 103 units, marked approximate: not the seat. The centres of the new city, of Hậu Giang, Sóc Trăng and their districts are the area-weighted means of the points of the units that absorbed them (approximate).',
  },
];

export const NOTES: string[] = [
  'Validity: validFrom is the first day in force, validTo the first day no longer in force (exclusive). Dates are Asia/Ho_Chi_Minh.',
  'historyFrom 2021-01-01: units whose validFrom equals it existed at least since then; earlier changes are not modelled.',
  'Old Cần Thơ had 83 commune-level units from NQ 893/NQ-UBTVQH14 (2020) until 31/10/2024 (GSO list of 16/10/2024: Ninh Kiều 11 wards), and 80 from 1/11/2024 (NQ 1192: 11 → 8 wards in Ninh Kiều). The "85" of older lists (GADM) predates NQ 893; press reports of "13 → 8" wards are wrong.',
  'Hậu Giang (75 units) and Sóc Trăng (108 units): no commune change between the GSO list of 16/10/2024 and 30/6/2025 was found; every unit of that list appears in the NQ 1668 predecessor lists.',
  'Three old wards were split by NQ 1668: Bùi Hữu Nghĩa (→ Cái Khế, Bình Thủy), Long Tuyền (→ An Bình, Long Tuyền) and Thốt Nốt (→ Thuận Hưng, Thốt Nốt). Their weights are equal-share placeholders marked estimated until the whole predecessors’ figures are added (see basis).',
  'Population is not carried for 10 units whose published figure is garbled (e.g. 40 people for xã An Ninh, 68.81 km²): 31150, 31246, 31492, 31594, 31675, 31687, 31708, 31723, 31753, 31795.',
  'Names use the modern tone placement (Thủy, Hòa); the GSO list spells a few names differently (Thanh An for thị trấn Thạnh An, Thạnh Qưới, Hòa Tú II): the resolution spelling is kept.',
  'Vị Thanh / Vị Tân: the merger map gives phường I, III, VII → Vị Thanh and IV, V, xã Vị Tân → Vị Tân; TcMits lists V under Vị Thanh. The map (NQ 1668) is followed.',
];
