// Part of every first visit (index.html loads it), so it only watches: when the page settles on
// YAML holding Gateway API objects (which the page's own engine does not route), it presses a
// hidden door in the Teach bar, whose click imports teach/teach.js with the page's bridge, and
// teach.js imports the Gateway view (gateway/gateway.js). Later states are the view's to follow.
new MutationObserver((_, watcher) => {
  const app = document.querySelector('.app[data-settled="true"]');
  const bar = app?.querySelector(".teach-bar");
  if (!bar || !/apiVersion["']?\s*:\s*["']?gateway\.networking\.k8s\.io\//.test(app.querySelector(".editor textarea")?.value)) return;
  watcher.disconnect();
  const door = document.createElement("button");
  door.hidden = true;
  door.dataset.teach = "gateway";
  bar.append(door);
  door.click();
  door.remove();
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-settled"] });
