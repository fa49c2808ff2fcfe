// Exports the route map as a file: SVG (the drawing with its looks written into each element, so
// it stands alone without route-map.css) or PNG (that SVG drawn on a canvas). The image is read
// from a data: URL, not a blob: URL, because the page's Content-Security-Policy allows images
// from 'self' and data: only.

/** The properties that make the drawing look as it does on screen. */
const LOOKS = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "font-family", "font-size", "font-weight", "font-style", "text-decoration-line", "display",
];

/** The SVG text of `svg` (a drawn route map) with every element's computed looks inlined. */
export function svgText(svg) {
  const copy = svg.cloneNode(true);
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  originals.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const style = LOOKS.map((name) => `${name}:${computed.getPropertyValue(name)}`).join(";");
    copies[i].setAttribute("style", style);
    copies[i].removeAttribute("tabindex");
  });
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** Offers `blob` as a download named `name`. */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the map as `route-map.svg`. */
export function downloadSvg(svg) {
  download(new Blob([svgText(svg)], { type: "image/svg+xml" }), "route-map.svg");
}

/** Canvas sides stay within what Chromium draws (32,767 px) and 100 M pixels in all. */
const MAX_SIDE = 32000;
const MAX_AREA = 100e6;

/** Downloads the map as `route-map.png`, at twice its size when that fits the canvas limits. */
export async function downloadPng(svg) {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error("the browser could not make the PNG"))), "image/png"));
  download(blob, "route-map.png");
}
