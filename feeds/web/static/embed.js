/* ClusterFeeds embed kit. Usage on any page:
 *   <script src="https://FEEDS-HOST/embed.js" defer></script>
 *   <div data-clusterfeeds="topic=innovation&country=pl&limit=5&lang=de"></div>
 * Keys: every feed filter (topic, country, source, lang, q, since, limit), plus
 * feed=<all|topics/x|countries/x|sources/x|named feed>, hl=de|en for the labels and summary=0 to
 * show titles only. Dates show in the service's display time zone.
 * Stories are inserted as text only (never as HTML), inside a Shadow DOM. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  var ZONE = "__DISPLAY_TIMEZONE__";  // the service's display time zone, filled in when /embed.js is served
  var LOCALES = { de: "de-DE", en: "en-GB" };  // 14.05.2024 and 14 May 2024, as on the pages
  var TEXT = {
    en: { title: "Latest cluster news", empty: "No stories found.", error: "The news could not be loaded.",
          loading: "Loading…", more: "All stories" },
    de: { title: "Aktuelle Clusternachrichten", empty: "Keine Meldungen gefunden.",
          error: "Die Meldungen konnten nicht geladen werden.", loading: "Wird geladen…", more: "Alle Meldungen" }
  };
  var CSS = ":host{all:initial;display:block;font:15px/1.45 system-ui,sans-serif;color:#1a1a1a}" +
    "section{border:1px solid #d6dbe1;border-radius:6px;padding:.75rem 1rem;background:#fff}" +
    "h2{font-size:1.05rem;margin:0 0 .5rem}ul{list-style:none;margin:0;padding:0}" +
    "li{padding:.5rem 0;border-top:1px solid #eef0f3}li:first-child{border-top:0}" +
    "a{color:#0b4f8a;font-weight:600;text-decoration:none}a:hover,a:focus{text-decoration:underline}" +
    ".meta{color:#5a6270;font-size:.85rem;margin:.15rem 0}p{margin:.2rem 0}" +
    ".more{display:block;margin-top:.5rem;font-weight:400;font-size:.9rem}";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var name in attrs || {}) if (attrs[name]) node.setAttribute(name, attrs[name]);
    return node;
  }

  function language(params) {
    var wanted = (params.get("hl") || params.get("lang") || document.documentElement.lang || navigator.language || "en");
    wanted = wanted.slice(0, 2).toLowerCase();
    return TEXT[wanted] ? wanted : "en";
  }

  function story(item, hl, summaries) {
    var li = el("li"), article = el("article", null, { lang: item.language });
    var info = item._clusterfeeds || {}, source = (info.source || {}).name;
    var heading = el("h3", null, { style: "font-size:1rem;margin:0" });
    heading.appendChild(el("a", item.title, { href: item.url, rel: "noopener", target: "_top" }));
    article.appendChild(heading);
    var meta = el("p", null, { "class": "meta" });
    var date = new Date(item.date_published);
    meta.appendChild(el("time", new Intl.DateTimeFormat(LOCALES[hl], { dateStyle: "medium", timeZone: ZONE }).format(date),
                        { datetime: item.date_published }));
    if (source) meta.appendChild(document.createTextNode(" · " + source));
    article.appendChild(meta);
    if (summaries && item.summary) article.appendChild(el("p", item.summary));
    li.appendChild(article);
    return li;
  }

  function render(host) {
    if (host.shadowRoot) return;
    var params = new URLSearchParams(host.getAttribute("data-clusterfeeds") || "");
    var feed = params.get("feed") || "all";
    params.delete("feed");
    if (!/^[a-z0-9_-]+(\/[a-z0-9_-]+)?$/.test(feed)) feed = "all";
    var hl = language(params), text = TEXT[hl], summaries = params.get("summary") !== "0";
    params.delete("summary");
    params.set("hl", hl);
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", CSS));
    var section = el("section", null, { "aria-label": text.title, "aria-busy": "true" });
    section.appendChild(el("h2", text.title));
    var status = el("p", text.loading, { role: "status" });
    section.appendChild(status);
    root.appendChild(section);
    fetch(origin + "/feeds/" + feed + ".json?" + params.toString(), { credentials: "omit" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) {
        var items = data.items || [];
        status.textContent = items.length ? "" : text.empty;
        if (!items.length) return;
        section.removeChild(status);
        var list = el("ul");
        items.forEach(function (item) { list.appendChild(story(item, hl, summaries)); });
        section.appendChild(list);
        section.appendChild(el("a", text.more, { "class": "more", href: data.home_page_url, target: "_top" }));
      })
      .catch(function () { status.textContent = text.error; })
      .then(function () { section.setAttribute("aria-busy", "false"); });
  }

  function start() { document.querySelectorAll("[data-clusterfeeds]").forEach(render); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
