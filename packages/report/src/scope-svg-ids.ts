/**
 * Prefix every id an SVG defines, and every reference to one, with `prefix`. Figures are drawn
 * separately and reuse ids (each colour bar's gradient is `gradient_0`); inlined in one page, the
 * second figure would otherwise paint with the first one's gradient.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set(Array.from(svg.matchAll(/\sid="([^"]+)"/g), (m) => m[1] as string));
  if (ids.size === 0) return svg;
  const scoped = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg.replace(
    /(\sid=")([^"]+)(")|url\((['"]?)#([^)'"]+)\4\)|(href=")#([^"]+)(")/g,
    (match, idOpen, id, idClose, quote, urlId, hrefOpen, hrefId, hrefClose) => {
      if (idOpen !== undefined) return `${idOpen}${scoped(id)}${idClose}`;
      if (urlId !== undefined) return `url(${quote}#${scoped(urlId)}${quote})`;
      if (hrefOpen !== undefined) return `${hrefOpen}#${scoped(hrefId)}${hrefClose}`;
      return match;
    },
  );
}
