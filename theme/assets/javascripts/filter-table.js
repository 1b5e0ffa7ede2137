/* Filters for a table (its body's rows) or a list of responses (the sections in a container), by the
   items' data attributes. Without JavaScript every item shows and the filters stay hidden, so nothing
   depends on this script. */
(function () {
  "use strict";
  function setUp(form) {
    var target = document.getElementById(form.getAttribute("data-filter-table"));
    if (!target || form.dataset.ready) return;
    form.dataset.ready = "1";
    var selects = form.querySelectorAll("select[data-filter]");
    var count = form.querySelector(".fr-filter-count");
    var noun = form.getAttribute("data-filter-noun") || "recommendations";
    var items = target.tBodies ? target.tBodies[0].rows : target.querySelectorAll(":scope > section");
    function matches(item, select, value) {
      var key = select.getAttribute("data-filter");
      var cell = item.getAttribute("data-" + key) || "";
      if (select.getAttribute("data-match") === "exact" || key === "theme" || key === "government") {
        return cell === value;
      }
      if (value === "has-response") return cell !== "none";
      if (value === "no-response") return cell === "none";
      return (" " + cell + " ").indexOf(" " + value + " ") !== -1;
    }
    function apply() {
      var shown = 0;
      for (var i = 0; i < items.length; i++) {
        var ok = true;
        for (var j = 0; j < selects.length; j++) {
          var value = selects[j].value;
          if (value && !matches(items[i], selects[j], value)) ok = false;
        }
        items[i].hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = "Showing " + shown + " of " + items.length + " " + noun;
    }
    for (var k = 0; k < selects.length; k++) selects[k].addEventListener("change", apply);
    form.hidden = false;
    apply();
  }
  function init() {
    var forms = document.querySelectorAll("[data-filter-table]");
    for (var i = 0; i < forms.length; i++) setUp(forms[i]);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
