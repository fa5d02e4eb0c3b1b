// How MySQL prints a DOUBLE value in a result set.
// Mirrors strings/dtoa.cc my_gcvt (MySQL 8) as used for a double with unspecified decimals: the
// shortest digits that read back as the same double, in fixed notation unless the number is
// very large or very small, and then as `<d>[.<ddd>]e[-]<n>` (no '+', no zero-padded exponent).

/** MySQL switches to the 'e' format beyond this many integer digits (DBL_DIG). */
const MAX_DECPT_FOR_F_FORMAT = 15;

export function formatMysqlDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';

  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits, like dtoa mode 0/4.
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const len = digits.length;
  // dtoa's decpt: the position of the decimal point relative to the first digit.
  const decpt = Number(exponent) + 1;

  const useF = decpt >= -MAX_DECPT_FOR_F_FORMAT + 1 && (decpt <= MAX_DECPT_FOR_F_FORMAT || len > decpt);
  if (useF) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt < len) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
    return `${sign}${digits}${'0'.repeat(decpt - len)}`;
  }
  const e = decpt - 1;
  const frac = len > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${frac}e${e < 0 ? '-' : ''}${Math.abs(e)}`;
}
