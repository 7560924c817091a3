import type { Agency } from './agencies.ts';

/**
 * The agencies that handle dossiers in the Cần Thơ demo (the agency catalogue's data; the index
 * and the lookup rules are in agencies.ts).
 *
 * Codes follow the structure of the electronic identifiers of state bodies set by Decision
 * 20/2020/QĐ-TTg (22 July 2020, "mã định danh điện tử của các cơ quan, tổ chức"): `xxx.yy.zz.Tnn`,
 * where `Tnn` names the level-1 body (`Hnn` a province) and lower levels fill the groups to the
 * left. Cần Thơ as `H13` is an inference (H14 Cao Bằng, H21 Gia Lai, H29 Hồ Chí Minh City and H41
 * Nghệ An are seen in published codes; H13 itself is not), and the numbers below are
 * ILLUSTRATIVE, the ones the demo simulator uses (apps/simulator/src/dossier-stream.ts):
 *   000.00.NN.H13   city departments (NN 01–06) and district people's committees (NN 21–29, GSO order)
 *   000.0K.NN.H13   three ward/commune committees under each district (K 1–3)
 *   000.NN.06.H13   the district branches of the land registration office (under department 06)
 * A city replaces this list with its real register. Department names are those after the merger
 * of 1 March 2025 (e.g. Sở Nông nghiệp và Môi trường); the demo keeps its nine districts as areas
 * and so leaves their committees without an end date. When the geography adds the 103 wards and
 * communes of 1 July 2025, the district committees get `validTo: '2025-07-01'` and the new
 * committees `validFrom: '2025-07-01'`; merged departments get the same pair of dates.
 *
 * adminUnitCode: the GSO unit an agency's dossiers are attributed to when an event names none —
 * the city (92) for a department, the district for the district's committees and branches (the
 * demo has no commune areas, so its illustrative communes count under their district).
 */
export const CAN_THO_AGENCIES: readonly Agency[] = [
  // City departments (level 2 under the city: 000.00.NN.H13)
  { code: '000.00.01.H13', name: { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' }, level: 'PROVINCE', adminUnitCode: '92' },
  { code: '000.00.02.H13', name: { vi: 'Sở Tư pháp', en: 'Department of Justice' }, level: 'PROVINCE', adminUnitCode: '92' },
  { code: '000.00.03.H13', name: { vi: 'Sở Tài chính', en: 'Department of Finance' }, level: 'PROVINCE', adminUnitCode: '92' },
  { code: '000.00.04.H13', name: { vi: 'Sở Xây dựng', en: 'Department of Construction' }, level: 'PROVINCE', adminUnitCode: '92' },
  { code: '000.00.05.H13', name: { vi: 'Sở Y tế', en: 'Department of Health' }, level: 'PROVINCE', adminUnitCode: '92' },
  {
    code: '000.00.06.H13',
    name: { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' },
    level: 'PROVINCE',
    adminUnitCode: '92',
  },
  // quận Ninh Kiều (916)
  { code: '000.00.21.H13', name: { vi: 'UBND quận Ninh Kiều', en: "Ninh Kiều District People's Committee" }, level: 'DISTRICT', adminUnitCode: '916' },
  {
    code: '000.01.21.H13',
    name: { vi: 'UBND cấp xã 1, quận Ninh Kiều', en: "Commune People's Committee 1, Ninh Kiều District" },
    level: 'COMMUNE',
    adminUnitCode: '916',
    parent: '000.00.21.H13',
  },
  {
    code: '000.02.21.H13',
    name: { vi: 'UBND cấp xã 2, quận Ninh Kiều', en: "Commune People's Committee 2, Ninh Kiều District" },
    level: 'COMMUNE',
    adminUnitCode: '916',
    parent: '000.00.21.H13',
  },
  {
    code: '000.03.21.H13',
    name: { vi: 'UBND cấp xã 3, quận Ninh Kiều', en: "Commune People's Committee 3, Ninh Kiều District" },
    level: 'COMMUNE',
    adminUnitCode: '916',
    parent: '000.00.21.H13',
  },
  {
    code: '000.21.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Ninh Kiều', en: 'Land Registration Office, Ninh Kiều branch' },
    level: 'PROVINCE',
    adminUnitCode: '916',
    parent: '000.00.06.H13',
  },
  // quận Ô Môn (917)
  { code: '000.00.22.H13', name: { vi: 'UBND quận Ô Môn', en: "Ô Môn District People's Committee" }, level: 'DISTRICT', adminUnitCode: '917' },
  {
    code: '000.01.22.H13',
    name: { vi: 'UBND cấp xã 1, quận Ô Môn', en: "Commune People's Committee 1, Ô Môn District" },
    level: 'COMMUNE',
    adminUnitCode: '917',
    parent: '000.00.22.H13',
  },
  {
    code: '000.02.22.H13',
    name: { vi: 'UBND cấp xã 2, quận Ô Môn', en: "Commune People's Committee 2, Ô Môn District" },
    level: 'COMMUNE',
    adminUnitCode: '917',
    parent: '000.00.22.H13',
  },
  {
    code: '000.03.22.H13',
    name: { vi: 'UBND cấp xã 3, quận Ô Môn', en: "Commune People's Committee 3, Ô Môn District" },
    level: 'COMMUNE',
    adminUnitCode: '917',
    parent: '000.00.22.H13',
  },
  {
    code: '000.22.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Ô Môn', en: 'Land Registration Office, Ô Môn branch' },
    level: 'PROVINCE',
    adminUnitCode: '917',
    parent: '000.00.06.H13',
  },
  // quận Bình Thủy (918)
  { code: '000.00.23.H13', name: { vi: 'UBND quận Bình Thủy', en: "Bình Thủy District People's Committee" }, level: 'DISTRICT', adminUnitCode: '918' },
  {
    code: '000.01.23.H13',
    name: { vi: 'UBND cấp xã 1, quận Bình Thủy', en: "Commune People's Committee 1, Bình Thủy District" },
    level: 'COMMUNE',
    adminUnitCode: '918',
    parent: '000.00.23.H13',
  },
  {
    code: '000.02.23.H13',
    name: { vi: 'UBND cấp xã 2, quận Bình Thủy', en: "Commune People's Committee 2, Bình Thủy District" },
    level: 'COMMUNE',
    adminUnitCode: '918',
    parent: '000.00.23.H13',
  },
  {
    code: '000.03.23.H13',
    name: { vi: 'UBND cấp xã 3, quận Bình Thủy', en: "Commune People's Committee 3, Bình Thủy District" },
    level: 'COMMUNE',
    adminUnitCode: '918',
    parent: '000.00.23.H13',
  },
  {
    code: '000.23.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Bình Thủy', en: 'Land Registration Office, Bình Thủy branch' },
    level: 'PROVINCE',
    adminUnitCode: '918',
    parent: '000.00.06.H13',
  },
  // quận Cái Răng (919)
  { code: '000.00.24.H13', name: { vi: 'UBND quận Cái Răng', en: "Cái Răng District People's Committee" }, level: 'DISTRICT', adminUnitCode: '919' },
  {
    code: '000.01.24.H13',
    name: { vi: 'UBND cấp xã 1, quận Cái Răng', en: "Commune People's Committee 1, Cái Răng District" },
    level: 'COMMUNE',
    adminUnitCode: '919',
    parent: '000.00.24.H13',
  },
  {
    code: '000.02.24.H13',
    name: { vi: 'UBND cấp xã 2, quận Cái Răng', en: "Commune People's Committee 2, Cái Răng District" },
    level: 'COMMUNE',
    adminUnitCode: '919',
    parent: '000.00.24.H13',
  },
  {
    code: '000.03.24.H13',
    name: { vi: 'UBND cấp xã 3, quận Cái Răng', en: "Commune People's Committee 3, Cái Răng District" },
    level: 'COMMUNE',
    adminUnitCode: '919',
    parent: '000.00.24.H13',
  },
  {
    code: '000.24.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Cái Răng', en: 'Land Registration Office, Cái Răng branch' },
    level: 'PROVINCE',
    adminUnitCode: '919',
    parent: '000.00.06.H13',
  },
  // quận Thốt Nốt (923)
  { code: '000.00.25.H13', name: { vi: 'UBND quận Thốt Nốt', en: "Thốt Nốt District People's Committee" }, level: 'DISTRICT', adminUnitCode: '923' },
  {
    code: '000.01.25.H13',
    name: { vi: 'UBND cấp xã 1, quận Thốt Nốt', en: "Commune People's Committee 1, Thốt Nốt District" },
    level: 'COMMUNE',
    adminUnitCode: '923',
    parent: '000.00.25.H13',
  },
  {
    code: '000.02.25.H13',
    name: { vi: 'UBND cấp xã 2, quận Thốt Nốt', en: "Commune People's Committee 2, Thốt Nốt District" },
    level: 'COMMUNE',
    adminUnitCode: '923',
    parent: '000.00.25.H13',
  },
  {
    code: '000.03.25.H13',
    name: { vi: 'UBND cấp xã 3, quận Thốt Nốt', en: "Commune People's Committee 3, Thốt Nốt District" },
    level: 'COMMUNE',
    adminUnitCode: '923',
    parent: '000.00.25.H13',
  },
  {
    code: '000.25.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Thốt Nốt', en: 'Land Registration Office, Thốt Nốt branch' },
    level: 'PROVINCE',
    adminUnitCode: '923',
    parent: '000.00.06.H13',
  },
  // huyện Vĩnh Thạnh (924)
  { code: '000.00.26.H13', name: { vi: 'UBND huyện Vĩnh Thạnh', en: "Vĩnh Thạnh Rural District People's Committee" }, level: 'DISTRICT', adminUnitCode: '924' },
  {
    code: '000.01.26.H13',
    name: { vi: 'UBND cấp xã 1, huyện Vĩnh Thạnh', en: "Commune People's Committee 1, Vĩnh Thạnh Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '924',
    parent: '000.00.26.H13',
  },
  {
    code: '000.02.26.H13',
    name: { vi: 'UBND cấp xã 2, huyện Vĩnh Thạnh', en: "Commune People's Committee 2, Vĩnh Thạnh Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '924',
    parent: '000.00.26.H13',
  },
  {
    code: '000.03.26.H13',
    name: { vi: 'UBND cấp xã 3, huyện Vĩnh Thạnh', en: "Commune People's Committee 3, Vĩnh Thạnh Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '924',
    parent: '000.00.26.H13',
  },
  {
    code: '000.26.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Vĩnh Thạnh', en: 'Land Registration Office, Vĩnh Thạnh branch' },
    level: 'PROVINCE',
    adminUnitCode: '924',
    parent: '000.00.06.H13',
  },
  // huyện Cờ Đỏ (925)
  { code: '000.00.27.H13', name: { vi: 'UBND huyện Cờ Đỏ', en: "Cờ Đỏ Rural District People's Committee" }, level: 'DISTRICT', adminUnitCode: '925' },
  {
    code: '000.01.27.H13',
    name: { vi: 'UBND cấp xã 1, huyện Cờ Đỏ', en: "Commune People's Committee 1, Cờ Đỏ Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '925',
    parent: '000.00.27.H13',
  },
  {
    code: '000.02.27.H13',
    name: { vi: 'UBND cấp xã 2, huyện Cờ Đỏ', en: "Commune People's Committee 2, Cờ Đỏ Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '925',
    parent: '000.00.27.H13',
  },
  {
    code: '000.03.27.H13',
    name: { vi: 'UBND cấp xã 3, huyện Cờ Đỏ', en: "Commune People's Committee 3, Cờ Đỏ Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '925',
    parent: '000.00.27.H13',
  },
  {
    code: '000.27.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Cờ Đỏ', en: 'Land Registration Office, Cờ Đỏ branch' },
    level: 'PROVINCE',
    adminUnitCode: '925',
    parent: '000.00.06.H13',
  },
  // huyện Phong Điền (926)
  { code: '000.00.28.H13', name: { vi: 'UBND huyện Phong Điền', en: "Phong Điền Rural District People's Committee" }, level: 'DISTRICT', adminUnitCode: '926' },
  {
    code: '000.01.28.H13',
    name: { vi: 'UBND cấp xã 1, huyện Phong Điền', en: "Commune People's Committee 1, Phong Điền Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '926',
    parent: '000.00.28.H13',
  },
  {
    code: '000.02.28.H13',
    name: { vi: 'UBND cấp xã 2, huyện Phong Điền', en: "Commune People's Committee 2, Phong Điền Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '926',
    parent: '000.00.28.H13',
  },
  {
    code: '000.03.28.H13',
    name: { vi: 'UBND cấp xã 3, huyện Phong Điền', en: "Commune People's Committee 3, Phong Điền Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '926',
    parent: '000.00.28.H13',
  },
  {
    code: '000.28.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Phong Điền', en: 'Land Registration Office, Phong Điền branch' },
    level: 'PROVINCE',
    adminUnitCode: '926',
    parent: '000.00.06.H13',
  },
  // huyện Thới Lai (927)
  { code: '000.00.29.H13', name: { vi: 'UBND huyện Thới Lai', en: "Thới Lai Rural District People's Committee" }, level: 'DISTRICT', adminUnitCode: '927' },
  {
    code: '000.01.29.H13',
    name: { vi: 'UBND cấp xã 1, huyện Thới Lai', en: "Commune People's Committee 1, Thới Lai Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '927',
    parent: '000.00.29.H13',
  },
  {
    code: '000.02.29.H13',
    name: { vi: 'UBND cấp xã 2, huyện Thới Lai', en: "Commune People's Committee 2, Thới Lai Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '927',
    parent: '000.00.29.H13',
  },
  {
    code: '000.03.29.H13',
    name: { vi: 'UBND cấp xã 3, huyện Thới Lai', en: "Commune People's Committee 3, Thới Lai Rural District" },
    level: 'COMMUNE',
    adminUnitCode: '927',
    parent: '000.00.29.H13',
  },
  {
    code: '000.29.06.H13',
    name: { vi: 'Chi nhánh Văn phòng đăng ký đất đai Thới Lai', en: 'Land Registration Office, Thới Lai branch' },
    level: 'PROVINCE',
    adminUnitCode: '927',
    parent: '000.00.06.H13',
  },
];
