/* Search page, progressive enhancement: filters apply as soon as they change.
 *
 * Without this script the form is a plain GET form and "Filter anwenden" submits it.
 * With it, a changed checkbox, radio button or list in the filter panel fetches the same
 * URL the form would submit, swaps in the new results and filters, keeps the focus on the
 * control that was changed, and announces the new count in the live region. The filter
 * panel is served closed ("Filter (n)", one line above the results); this opens it on
 * wide screens, where it stands beside the results.
 * Anything unexpected falls back to submitting the form.
 */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var panel = document.getElementById("filter-panel");
  var status = document.getElementById("search-status");
  if (!form || !panel) { return; }
  // Open beside the results on wide screens; closed above them on narrow ones.
  var narrow = window.matchMedia("(max-width: 37.5rem)");
  function fit() { panel.open = !narrow.matches; }
  fit();
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
  if (!window.fetch || !window.DOMParser || !window.AbortController) { return; }

  var pending = null;

  function target() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") { params.append(name, value); }
    });
    var text = params.toString();
    return form.getAttribute("action") + (text ? "?" + text : "");
  }

  function controlKey(el) {
    return el.type === "checkbox" || el.type === "radio" ? [el.name, el.value] : [el.id, null];
  }

  function find(key) {
    if (key[1] === null) { return document.getElementById(key[0]); }
    var all = panel.querySelectorAll("input[name='" + CSS.escape(key[0]) + "']");
    for (var i = 0; i < all.length; i++) {
      if (all[i].value === key[1]) { return all[i]; }
    }
    return null;
  }

  function swap(html, url, key) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("search-results");
    var facets = doc.querySelector("#filter-panel .facets");
    if (!fresh || !facets) { throw new Error("unexpected page"); }
    document.getElementById("search-results").replaceWith(document.importNode(fresh, true));
    panel.querySelector(".facets").replaceWith(document.importNode(facets, true));
    document.getElementById("filters").textContent = doc.getElementById("filters").textContent;
    document.title = doc.title;
    history.replaceState(null, "", url);
    var again = find(key);
    if (again) { again.focus(); }
    var count = doc.getElementById("result-count");
    status.textContent = count ? count.textContent.trim() : "";
  }

  form.addEventListener("change", function (event) {
    var el = event.target;
    if (!panel.contains(el) || !el.name) { return; }
    var url = target();
    var key = controlKey(el);
    if (pending) { pending.abort(); }
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, signal: pending.signal })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) { swap(html, url, key); form.removeAttribute("aria-busy"); })
      .catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        form.submit();
      });
  });
})();
