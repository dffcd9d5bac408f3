/** A fresh `<svg>` in the test document (happy-dom), for drawing a chart into. */
export function createSvg(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  return svg;
}
