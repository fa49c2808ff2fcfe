// Exports the route map as a file: SVG (the drawing with its looks written into the file, so it
// stands alone without route-map.css) or PNG (that SVG drawn on a canvas). The image is read from a
// data: URL, not a blob: URL, because the page's Content-Security-Policy allows images from 'self'
// and data: only.

/** The properties that make the drawing look as it does on screen. */
const LOOKS = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "font-family", "font-size", "font-weight", "font-style", "text-decoration-line", "display",
];

/** What decides an element's computed looks here: its tag, classes, lit/dimmed state, and its parent's. */
function lookKey(el, parentKey) {
  return `${parentKey}>${el.tagName}.${el.getAttribute("class") ?? ""}|lit=${el.getAttribute("data-lit") ?? ""}|dimmed=${el.getAttribute("data-dimmed") ?? ""}`;
}

/**
 * The SVG text of `svg` (a drawn route map, in the document so its stylesheet applies) with its
 * computed looks written into the file: one class per distinct look, defined in a <style> of the
 * file. A map of 1,000 hosts has thousands of elements but a few dozen looks, so the file stays
 * small and getComputedStyle runs once per look, not once per element.
 */
export function svgText(svg) {
  const copy = svg.cloneNode(true);
  const looks = new Map(); // look key → class name
  const rules = [];
  const walk = (original, clone, parentKey) => {
    const key = lookKey(original, parentKey);
    let name = looks.get(key);
    if (name === undefined) {
      const computed = getComputedStyle(original);
      name = `l${looks.size}`;
      looks.set(key, name);
      rules.push(`.${name}{${LOOKS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(";")}}`);
    }
    clone.setAttribute("class", name);
    clone.removeAttribute("tabindex");
    for (let i = 0; i < original.children.length; i++) walk(original.children[i], clone.children[i], key);
  };
  walk(svg, copy, "");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = rules.join("\n");
  copy.prepend(style);
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

/** The canvas stays within what browsers draw: 16,384 px a side and 64 M pixels in all. */
const MAX_SIDE = 16384;
const MAX_AREA = 64e6;

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
