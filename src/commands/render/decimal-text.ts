// A DECIMAL value as the server sends it in text: exactly `scale` digits after the point. Values
// reach the client as JavaScript numbers (SQLite has no decimal type), so the number's shortest
// decimal text is rounded half away from zero at the scale, as MySQL rounds a DECIMAL: 2.675 prints
// 2.68 at scale 2 (toFixed would give 2.67, from the binary value).
// Mirrors MySQL's decimal2string (strings/decimal.cc) for values that fit a double's 15-17 digits.

export function decimalText(v: number | bigint, scale: number): string {
  if (typeof v === 'bigint') return scale > 0 ? `${v}.${'0'.repeat(scale)}` : v.toString();
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  // Past 1e21 a double has no fractional digits; below 1e-6 String() writes an exponent.
  if (abs >= 1e21) return String(v);
  let digits = String(abs);
  if (digits.includes('e')) digits = abs.toFixed(20);
  const dot = digits.indexOf('.');
  let int = dot < 0 ? digits : digits.slice(0, dot);
  let frac = dot < 0 ? '' : digits.slice(dot + 1);
  if (frac.length > scale) {
    const roundUp = (frac.charCodeAt(scale) - 48) >= 5;
    frac = frac.slice(0, scale);
    if (roundUp) {
      const n = BigInt(int + frac) + 1n;
      const s = n.toString().padStart(scale + 1, '0');
      int = s.slice(0, s.length - scale);
      frac = s.slice(s.length - scale);
    }
  }
  frac = frac.padEnd(scale, '0');
  const text = scale > 0 ? `${int}.${frac}` : int;
  return v < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}
