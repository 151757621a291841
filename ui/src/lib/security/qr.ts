/** The QR code's SVG as an image address allowed by `img-src 'self' data:`. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
