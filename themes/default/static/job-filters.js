// Lets a reader combine the job board's filters (remote and part-time, say) on the list
// already on the page. Without it every filter is still a plain link to a page of its own.
// It reads only data- attributes the template escaped and writes text, never HTML.
(function () {
  "use strict";

  var GROUPS = ["type", "workplace", "country", "tag"];

  // A card matches when, in every group with a value ticked, it has one of those values:
  // "or" within a group, "and" across groups. `card` holds each group's slugs, space separated.
  function matches(card, chosen) {
    return GROUPS.every(function (group) {
      var wanted = chosen[group] || [];
      if (wanted.length === 0) return true;
      var has = String(card[group] || "").split(" ");
      return wanted.some(function (value) { return has.indexOf(value) !== -1; });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { matches: matches };
    return;
  }

  var nav = document.querySelector("[data-job-filters]");
  var list = document.querySelector("[data-job-list]");
  if (!nav || !list) return;
  var cards = Array.prototype.slice.call(list.children);
  var paged = Number(list.getAttribute("data-pages")) > 1;

  var form = document.createElement("form");
  form.className = "job-combine";
  form.setAttribute("aria-labelledby", "job-combine-title");
  var title = document.createElement("p");
  title.className = "job-combine-title";
  title.id = "job-combine-title";
  title.textContent = "Combine filters on this list";
  form.appendChild(title);
  nav.querySelectorAll("[data-filter-group]").forEach(function (group) {
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = group.querySelector(".job-filter-title").textContent;
    fieldset.appendChild(legend);
    group.querySelectorAll("a[data-filter-value]").forEach(function (link) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = group.getAttribute("data-filter-group");
      box.value = link.getAttribute("data-filter-value");
      label.appendChild(box);
      label.appendChild(document.createTextNode(link.getAttribute("data-filter-label")));
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);
  });
  var status = document.createElement("p");
  status.className = "job-combine-status";
  status.setAttribute("role", "status");
  form.appendChild(status);

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () {
    var chosen = {};
    var any = false;
    form.querySelectorAll("input:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
      any = true;
    });
    var shown = 0;
    cards.forEach(function (card) {
      var data = {};
      GROUPS.forEach(function (group) { data[group] = card.getAttribute("data-" + group); });
      card.hidden = !matches(data, chosen);
      if (!card.hidden) shown += 1;
    });
    // Other pages of a long list are not on this page: say what was searched.
    status.textContent = any
      ? shown + " of the " + cards.length + " roles " + (paged ? "on this page " : "") + "match."
      : "";
  });
  nav.parentNode.insertBefore(form, nav.nextSibling);
})();
