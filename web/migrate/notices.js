// The migration's notices (the conversion's, as ingress2gateway words them, then the quiet
// changes the diff found): level, code, message, the object, hosts and paths; a notice with a
// place is a button that marks its lines (README lists the codes).

import { h } from "../gateway/gateway-result.js";
import { CONVERTED, placeOf } from "./answer.js";

/** The notices list (`data-testid="migrate-notices"`), hidden when there are none. */
export function renderNotices(notices, reveal) {
  const counts = ["error", "warning", "info"].map((level) => [level, notices.filter((n) => n.level === level).length]).filter(([, n]) => n);
  const heading = h("h3", { class: "mig-heading" }, `Notices (${notices.length})`,
    counts.length ? h("span", { class: "mig-muted" }, ` ${counts.map(([level, n]) => `${n} ${level}`).join(", ")}`) : null);
  const list = h("ul", { class: "mig-notices", "data-testid": "migrate-notices" });
  list.append(...notices.slice(0, SHOWN).map((notice) => renderNotice(notice, reveal)));
  if (notices.length > SHOWN) {
    const more = h("button", { type: "button", class: "mig-more", "data-testid": "migrate-notices-more" }, `Show the other ${notices.length - SHOWN} notices`);
    const item = h("li", {}, more);
    more.addEventListener("click", () => {
      item.replaceWith(...notices.slice(SHOWN).map((notice) => renderNotice(notice, reveal)));
      list.querySelectorAll("button")[SHOWN]?.focus();
    });
    list.append(item);
  }
  return h("div", { hidden: notices.length ? null : true }, heading, list);
}

/** Notices drawn at first (a cluster dump's conversion says something about most Ingresses). */
const SHOWN = 100;

function renderNotice(notice, reveal) {
  const place = placeOf(notice.span);
  const affected = [...(notice.hosts ?? []), ...(notice.paths ?? [])];
  const body = [
    h("span", { class: `mig-level level-${notice.level}` }, notice.level),
    h("code", { class: "mig-code" }, notice.code),
    place ? h("span", { class: "mig-where" }, `${place[0] === CONVERTED ? `${CONVERTED} ` : ""}line ${place[1]}`) : null,
    h("span", { class: "mig-message" }, notice.message),
    notice.object ? h("span", { class: "mig-object" }, notice.object) : null,
    affected.length ? h("span", { class: "mig-affected" }, affected.join(", ")) : null,
  ];
  const item = h("li", {
    class: `mig-notice level-${notice.level}`, "data-testid": "migrate-notice", "data-level": notice.level, "data-code": notice.code,
    "data-file": place ? place[0] : null, "data-line": place ? place[1] : null,
  });
  if (!place) item.append(h("div", { class: "mig-notice-body" }, ...body));
  else {
    const button = h("button", { type: "button", class: "mig-notice-body", title: `Show line ${place[1]}` }, ...body);
    button.addEventListener("click", () => reveal(notice.span));
    item.append(button);
  }
  return item;
}
