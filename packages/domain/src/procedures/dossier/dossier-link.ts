/**
 * A dossier's page in the one-stop system (Hệ thống thông tin giải quyết TTHC), from a URL template
 * a deployment sets (IOC_DOSSIER_URL_TEMPLATE), e.g. `https://dichvucong.cantho.gov.vn/ho-so/{code}`.
 * Placeholders: `{code}` (the dossier code, required) and `{agency}` (the agency code); each value is
 * URL-encoded as one path segment or query value, so a hostile code (`../`, `?`, `#`, `"`, spaces)
 * cannot change the link's host, path or query. Pure.
 */

/** What a template must be: http(s), a host, `{code}` somewhere, no whitespace or quote characters. */
export const DOSSIER_URL_TEMPLATE_PATTERN = '^https?://[^\\s/?#"\'<>{}]+[^\\s"\'<>]*\\{code\\}[^\\s"\'<>]*$';
const TEMPLATE_RE = new RegExp(DOSSIER_URL_TEMPLATE_PATTERN);
const PLACEHOLDER_RE = /\{([a-z]+)\}/g;
const KNOWN = new Set(['code', 'agency']);

/** Why a template is refused (null: it is fine): the start-up check's words. */
export function dossierUrlTemplateProblem(template: string): string | null {
  if (!TEMPLATE_RE.test(template)) return 'an http(s) URL with a host and the placeholder {code}, e.g. https://dichvucong.cantho.gov.vn/ho-so/{code}';
  for (const m of template.matchAll(PLACEHOLDER_RE)) if (!KNOWN.has(m[1]!)) return `an unknown placeholder {${m[1]}}: only {code} and {agency}`;
  return null;
}

/** `.` and `..` alone are path steps however they are encoded (URL parsers read %2E as a dot): such a value gets no link. */
const DOT_SEGMENT = /^\.{1,2}$/;

/**
 * The link of one dossier, or null when there is no template, the template is not valid, or a
 * placeholder it uses has no usable value (empty, or a bare `.`/`..`).
 */
export function dossierUrl(template: string | null | undefined, dossier: { code: string; agency?: string | null }): string | null {
  if (!template || dossierUrlTemplateProblem(template) !== null) return null;
  const values: Record<string, string | null | undefined> = { code: dossier.code, agency: dossier.agency };
  let missing = false;
  const url = template.replace(PLACEHOLDER_RE, (_, name: string) => {
    const v = values[name];
    if (!v || DOT_SEGMENT.test(v)) missing = true;
    return v ? encodeURIComponent(v) : '';
  });
  return missing ? null : url;
}
