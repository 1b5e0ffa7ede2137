/* Filters for the recommendations table. Without JavaScript the whole table shows and the
   filters stay hidden, so nothing depends on this script. */
(function () {
  "use strict";
  function setUp(form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var selects = form.querySelectorAll("select[data-filter]");
    var count = form.querySelector(".fr-filter-count");
    var rows = table.tBodies[0].rows;
    function matches(row, key, value) {
      var cell = row.getAttribute("data-" + key) || "";
      if (key === "theme") return cell === value;
      if (key === "government") return cell === value;
      if (value === "has-response") return cell !== "none";
      if (value === "no-response") return cell === "none";
      return (" " + cell + " ").indexOf(" " + value + " ") !== -1;
    }
    function apply() {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var j = 0; j < selects.length; j++) {
          var value = selects[j].value;
          if (value && !matches(rows[i], selects[j].getAttribute("data-filter"), value)) ok = false;
        }
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = "Showing " + shown + " of " + rows.length + " recommendations";
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
