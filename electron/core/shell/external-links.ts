/** The only kinds of link Carrel hands to the operating system: web pages, email and phone numbers. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.hostname) return false;
    return !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
