// Parent-side helper for the iframe twin: sizes every <iframe data-ingress-sim> to the height its
// embed.html reports. Load it once on the host page:
//   <script type="module" src="https://…/iframe-host.js"></script>
// A message is accepted only from an iframe's own window (event.source) and origin (event.origin).

const MAX_HEIGHT = 20000;

function frameFor(event) {
  for (const frame of document.querySelectorAll("iframe[data-ingress-sim]")) {
    if (frame.contentWindow !== event.source) continue;
    let origin;
    try {
      origin = new URL(frame.src, document.baseURI).origin;
    } catch {
      return null;
    }
    return origin === event.origin ? frame : null;
  }
  return null;
}

window.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || typeof data !== "object" || data.type !== "ingress-sim:height") return;
  const frame = frameFor(event);
  const height = Number(data.height);
  if (!frame || !Number.isFinite(height) || height <= 0) return;
  const px = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
  if (frame.style.height !== px) {
    frame.style.height = px;
    frame.dispatchEvent(new CustomEvent("ingress-sim:resize", { detail: { height: Math.min(Math.ceil(height), MAX_HEIGHT), id: data.id } }));
  }
});
