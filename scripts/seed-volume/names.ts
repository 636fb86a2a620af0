/**
 * Realistic Vietnamese names for the volume seed, so that the clerks' name search is measured on the
 * shape of real data (issue 13): a few surnames carry most people (Nguyễn ≈ 38 %), middle names are
 * few (Văn, Thị …) and given names are many. Drawn from the seed number alone, so a seed's other
 * columns do not depend on the names and the same number always gives the same name.
 */

/** [name, weight in ‰]: the common surnames with their approximate shares. */
const SURNAMES: Array<[string, number]> = [
  ['Nguyễn', 380],
  ['Trần', 110],
  ['Lê', 95],
  ['Phạm', 70],
  ['Hoàng', 30],
  ['Huỳnh', 20],
  ['Phan', 45],
  ['Vũ', 20],
  ['Võ', 19],
  ['Đặng', 21],
  ['Bùi', 20],
  ['Đỗ', 14],
  ['Hồ', 13],
  ['Ngô', 13],
  ['Dương', 10],
  ['Lý', 5],
  ['Đào', 8],
  ['Đinh', 7],
  ['Trương', 6],
  ['Lương', 5],
  ['Mai', 4],
  ['Trịnh', 4],
  ['Lâm', 3],
  ['Hà', 3],
  ['Tạ', 2],
  ['Quách', 1],
  ['Âu', 1],
  ['Kiều', 1],
  ['Thái', 3],
  ['La', 1],
  ['Cao', 4],
  ['Chu', 2],
  ['Tô', 2],
  ['Lục', 1],
  ['Khúc', 1],
  ['Vương', 2],
  ['Mạc', 1],
  ['Tăng', 1],
  ['Lò', 1],
  ['Sầm', 1],
];

const MIDDLE = [
  'Văn',
  'Văn',
  'Văn',
  'Thị',
  'Thị',
  'Thị',
  'Hữu',
  'Đức',
  'Minh',
  'Thanh',
  'Ngọc',
  'Quang',
  'Hoàng',
  'Thu',
  'Kim',
  'Xuân',
  'Công',
  'Bảo',
  'Gia',
  'Phương',
  'Thành',
  'Anh',
  'Mạnh',
  'Trọng',
];

const GIVEN = [
  'An',
  'Anh',
  'Bảo',
  'Bình',
  'Châu',
  'Chi',
  'Cường',
  'Dũng',
  'Dung',
  'Duy',
  'Dương',
  'Đạt',
  'Điệp',
  'Đông',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hiếu',
  'Hoa',
  'Hòa',
  'Hùng',
  'Hương',
  'Huy',
  'Huyền',
  'Khang',
  'Khánh',
  'Khoa',
  'Lan',
  'Linh',
  'Loan',
  'Long',
  'Lộc',
  'Mai',
  'Minh',
  'My',
  'Nam',
  'Nga',
  'Ngân',
  'Nghĩa',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phong',
  'Phúc',
  'Phương',
  'Quân',
  'Quang',
  'Quyên',
  'Quỳnh',
  'Sơn',
  'Tài',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thành',
  'Thịnh',
  'Thủy',
  'Tiến',
  'Toàn',
  'Trang',
  'Trinh',
  'Trung',
  'Tú',
  'Tuấn',
  'Tùng',
  'Uyên',
  'Vân',
  'Việt',
  'Vinh',
  'Vy',
  'Xuân',
  'Yến',
  'Hậu',
  'Kiên',
  'Lâm',
  'Nhân',
  'Sang',
];

const SURNAME_TABLE: string[] = SURNAMES.flatMap(([name, weight]) => Array<string>(weight).fill(name));

/** A 32-bit mix of the seed number (splitmix-style), so neighbouring numbers get unrelated names. */
function mix(n: number, salt: number): number {
  let x = (n * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The seed's name of person number `n`: surname, one middle name (a second one for one in five), given name. */
export function personName(n: number): string {
  const surname = SURNAME_TABLE[mix(n, 1) % SURNAME_TABLE.length]!;
  const middle = MIDDLE[mix(n, 2) % MIDDLE.length]!;
  const second = mix(n, 3) % 5 === 0 ? ` ${MIDDLE[mix(n, 4) % MIDDLE.length]!}` : '';
  const given = GIVEN[mix(n, 5) % GIVEN.length]!;
  return `${surname} ${middle}${second} ${given}`;
}

/** A ten-digit mobile number ending in the seed's last four digits. */
export function personPhone(n: number, last4: string): string {
  return `09${String(mix(n, 6) % 10_000).padStart(4, '0')}${last4}`;
}
