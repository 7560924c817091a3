import type { AgencyCatalogueFile, Label, RegistrySource } from '@cityioc/contracts';
import { CAN_THO_REGISTRY } from '../../geo/can-tho.ts';
import type { AreaRegistry } from '../../geo/registry/area-registry.ts';
import type { Agency } from './agencies.ts';

/**
 * The agency catalogue of the Cần Thơ demo (the default of IOC_AGENCIES_FILE; the index and the
 * checks are in agencies.ts), in the file format a city loads.
 *
 * Codes follow the structure of the electronic identifiers of state bodies set by Decision
 * 20/2020/QĐ-TTg (22 July 2020): `xxx.yy.zz.Tnn`, where `Tnn` names the level-1 body (`Hnn` a
 * province) and lower levels fill the groups to the left. Cần Thơ as `H13` is an inference (H14
 * Cao Bằng, H21 Gia Lai, H29 Hồ Chí Minh City and H41 Nghệ An are seen in published codes; H13
 * itself is not), and the numbers are ILLUSTRATIVE:
 *   000.00.NN.H13   city departments and bodies at their level (NN 01–20 and 30)
 *   000.00.NN.H13   district people's committees until 30 June 2025 (NN 21–29, GSO order)
 *   000.0K.NN.H13   three ward/commune committees under each district until 30 June 2025 (K 1–3)
 *   000.NN.06.H13   the district branches of the land registration office until 30 June 2025
 *   000.CCC.00.H13  the people's committee of commune-level unit 31CCC from 1 July 2025 (CCC = the
 *                   last three digits of its GSO code: phường Ninh Kiều 31135 → 000.135.00.H13)
 * A city replaces this list with its real register (IOC_AGENCIES_FILE).
 *
 * The departments follow the 2025 reorganisation as versioned data: from 1 March 2025 (Nghị định
 * 45/2025/NĐ-CP) Kế hoạch và Đầu tư merged into Tài chính, Giao thông vận tải into Xây dựng, Tài
 * nguyên và Môi trường with Nông nghiệp và PTNT into Nông nghiệp và Môi trường, Thông tin và Truyền
 * thông into Khoa học và Công nghệ, Lao động – Thương binh và Xã hội into Nội vụ, and Sở Dân tộc và
 * Tôn giáo was set up; the new city of 1 July 2025 has 12 departments, the inspectorate, the
 * office of the People's Committee and the export-processing and industrial zones authority.
 */

const SOURCES: RegistrySource[] = [
  {
    id: 'nd-45-2025',
    title: 'Nghị định 45/2025/NĐ-CP (28/2/2025) quy định tổ chức các cơ quan chuyên môn thuộc UBND cấp tỉnh; in force 1/3/2025',
    used: 'The national pattern of the department mergers and their date (1 March 2025).',
  },
  {
    id: 'cafef-2025-01-can-tho',
    title: 'Cần Thơ giảm ít nhất 50 đơn vị sự nghiệp và 20 phòng chuyên môn cấp huyện (January 2025; Sở Nội vụ TP Cần Thơ)',
    url: 'https://cafef.vn/can-tho-giam-it-nhat-50-don-vi-su-nghiep-va-20-phong-chuyen-mon-cap-huyen-18825012707353602.chn',
    used: 'Cần Thơ merges 10 departments into 5 (five fewer departments) in the 2025 reorganisation.',
  },
  {
    id: 'nld-2025-06-can-tho-15-so',
    title: 'TP Cần Thơ mới dự kiến có 15 sở ngành, chính thức vận hành ngày 1-7 (17 June 2025; report of Sở Nội vụ TP Cần Thơ)',
    url: 'https://baomoi.net.vn/tp-can-tho-moi-du-kien-co-15-so-nganh-chinh-thuc-van-hanh-ngay-1-7-c52521332.epi',
    used: 'The departments of the new city from 1 July 2025: Nông nghiệp và Môi trường, Giáo dục và Đào tạo, Tư pháp, Xây dựng, Tài chính, Văn hóa, Thể thao và Du lịch, Y tế, Khoa học và Công nghệ, Dân tộc và Tôn giáo, Công Thương, Nội vụ, Ngoại vụ; Thanh tra thành phố; Văn phòng UBND; Ban Quản lý các khu chế xuất và công nghiệp.',
  },
  {
    id: 'nq-1668-2025',
    title: 'Nghị quyết 1668/NQ-UBTVQH15 (16/6/2025): the 103 commune-level units of the new Cần Thơ (see the area registry)',
    used: 'One people’s committee per commune-level unit from 1 July 2025; district committees end on 30 June 2025.',
  },
  {
    id: 'qd-20-2020-ttg',
    title: 'Quyết định 20/2020/QĐ-TTg (22/7/2020) về mã định danh điện tử của các cơ quan, tổ chức',
    used: 'The shape of the codes (xxx.yy.zz.Tnn); the numbers here are illustrative.',
  },
];

const MERGER = '2025-03-01';
const REFORM = '2025-07-01';

type Dept = [nn: string, vi: string, en: string, extra?: Partial<Agency>];

const dept = ([nn, vi, en, extra]: Dept): Agency => ({
  code: `000.00.${nn}.H13`,
  name: { vi, en },
  level: 'PROVINCE',
  kind: 'department',
  adminUnitCode: '92',
  illustrative: true,
  sources: ['nd-45-2025', 'nld-2025-06-can-tho-15-so', 'qd-20-2020-ttg'],
  ...extra,
});

/** City departments and bodies at their level: in force today, then those merged away on 1 March 2025. */
const DEPARTMENTS: Dept[] = [
  ['01', 'Sở Nội vụ', 'Department of Home Affairs'],
  ['02', 'Sở Tư pháp', 'Department of Justice'],
  ['03', 'Sở Tài chính', 'Department of Finance'],
  ['04', 'Sở Xây dựng', 'Department of Construction'],
  ['05', 'Sở Y tế', 'Department of Health'],
  ['06', 'Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment', { validFrom: MERGER }],
  ['07', 'Sở Công Thương', 'Department of Industry and Trade'],
  ['08', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
  ['09', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['10', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'],
  ['11', 'Sở Dân tộc và Tôn giáo', 'Department of Ethnic Minorities and Religion', { validFrom: MERGER }],
  ['12', 'Sở Ngoại vụ', 'Department of Foreign Affairs'],
  ['13', 'Thanh tra thành phố', 'City Inspectorate'],
  ['14', 'Văn phòng UBND thành phố', "Office of the City People's Committee"],
  ['15', 'Ban Quản lý các khu chế xuất và công nghiệp', 'Export Processing and Industrial Zones Authority'],
  ['16', 'Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment', { validTo: MERGER, successors: ['000.00.03.H13'] }],
  ['17', 'Sở Giao thông vận tải', 'Department of Transport', { validTo: MERGER, successors: ['000.00.04.H13'] }],
  ['18', 'Sở Tài nguyên và Môi trường', 'Department of Natural Resources and Environment', { validTo: MERGER, successors: ['000.00.06.H13'] }],
  ['19', 'Sở Nông nghiệp và Phát triển nông thôn', 'Department of Agriculture and Rural Development', { validTo: MERGER, successors: ['000.00.06.H13'] }],
  ['20', 'Sở Thông tin và Truyền thông', 'Department of Information and Communications', { validTo: MERGER, successors: ['000.00.08.H13'] }],
  ['30', 'Sở Lao động - Thương binh và Xã hội', 'Department of Labour, Invalids and Social Affairs', { validTo: MERGER, successors: ['000.00.01.H13'] }],
];

/** The 9 districts of the old city (GSO order) with their committee's number. */
const DISTRICTS: [nn: string, gso: string, type: 'quận' | 'huyện', name: string][] = [
  ['21', '916', 'quận', 'Ninh Kiều'],
  ['22', '917', 'quận', 'Ô Môn'],
  ['23', '918', 'quận', 'Bình Thủy'],
  ['24', '919', 'quận', 'Cái Răng'],
  ['25', '923', 'quận', 'Thốt Nốt'],
  ['26', '924', 'huyện', 'Vĩnh Thạnh'],
  ['27', '925', 'huyện', 'Cờ Đỏ'],
  ['28', '926', 'huyện', 'Phong Điền'],
  ['29', '927', 'huyện', 'Thới Lai'],
];

/** The people's committee of a commune-level unit in force from the reform. */
export function communeCommitteeCode(gso: string): string {
  return `000.${gso.slice(-3)}.00.H13`;
}

function districtAgencies(registry: AreaRegistry): Agency[] {
  const out: Agency[] = [];
  for (const [nn, gso, type, name] of DISTRICTS) {
    const en = `${name} ${type === 'quận' ? 'District' : 'Rural District'}`;
    const committee = `000.00.${nn}.H13`;
    const successors = [...new Set(registry.successorsAt(gso, REFORM, '2025-06-30'))].filter((c) => c !== registry.file.root).map(communeCommitteeCode);
    const old = { validTo: REFORM, illustrative: true, sources: ['qd-20-2020-ttg', 'nq-1668-2025'] };
    out.push({
      code: committee,
      name: { vi: `UBND ${type} ${name}`, en: `${en} People's Committee` },
      level: 'DISTRICT',
      kind: 'people-committee',
      adminUnitCode: gso,
      ...old,
      successors,
    });
    for (const k of ['1', '2', '3'])
      out.push({
        code: `000.0${k}.${nn}.H13`,
        name: { vi: `UBND cấp xã ${k}, ${type} ${name}`, en: `Commune People's Committee ${k}, ${en}` },
        level: 'COMMUNE',
        kind: 'people-committee',
        adminUnitCode: gso,
        parent: committee,
        ...old,
      });
    out.push({
      code: `000.${nn}.06.H13`,
      name: { vi: `Chi nhánh Văn phòng đăng ký đất đai ${name}`, en: `Land Registration Office, ${name} branch` },
      level: 'PROVINCE',
      kind: 'branch',
      adminUnitCode: gso,
      parent: '000.00.18.H13',
      ...old,
    });
  }
  return out;
}

function communeAgencies(registry: AreaRegistry): Agency[] {
  return registry.unitsValidAt(REFORM, { level: 'commune', parent: registry.file.root }).map((u) => {
    const name: Label = { vi: `UBND ${u.type} ${u.name}`, en: `${u.nameEn ?? u.name} People's Committee` };
    return {
      code: communeCommitteeCode(u.code),
      name,
      level: 'COMMUNE',
      kind: 'people-committee',
      adminUnitCode: u.code,
      validFrom: REFORM,
      illustrative: true,
      sources: ['nq-1668-2025', 'qd-20-2020-ttg'],
    };
  });
}

/** The land branches stood under Tài nguyên và Môi trường, then from 1 March 2025 under Nông nghiệp và Môi trường. */
function branchParents(list: Agency[]): Agency[] {
  return list.flatMap((a) =>
    a.kind === 'branch' && a.parent === '000.00.18.H13'
      ? [
          { ...a, validTo: MERGER, parent: '000.00.18.H13' },
          { ...a, validFrom: MERGER, parent: '000.00.06.H13' },
        ]
      : [a],
  );
}

export const CAN_THO_AGENCY_FILE: AgencyCatalogueFile = {
  format: 'cityioc-agencies/1',
  id: 'can-tho',
  name: 'Thành phố Cần Thơ — cơ quan, đơn vị / agencies (illustrative codes)',
  agencies: [...DEPARTMENTS.map(dept), ...branchParents(districtAgencies(CAN_THO_REGISTRY)), ...communeAgencies(CAN_THO_REGISTRY)],
  sources: SOURCES,
  notes: [
    'Codes are illustrative (the shape of QĐ 20/2020/QĐ-TTg; Cần Thơ as H13 is inferred). A city loads its own register with IOC_AGENCIES_FILE.',
    'Department mergers take effect on 1 March 2025 (Nghị định 45/2025/NĐ-CP); the Cần Thơ decisions that applied them were not found, the city’s published lists of January and June 2025 agree with the pattern.',
    'District committees, their demo ward committees and the district land branches end on 30 June 2025; from 1 July 2025 each of the 103 commune-level units has its people’s committee.',
  ],
};

export const CAN_THO_AGENCIES: readonly Agency[] = CAN_THO_AGENCY_FILE.agencies;
