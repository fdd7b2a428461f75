// Search, filters and sorting for the index. Without JavaScript the full table still reads.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("requests");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("count");
  var texts = {};
  form.hidden = false;

  // The search index holds each request's title and questions.
  fetch("search-index.json").then(function (response) { return response.json(); }).then(function (index) {
    index.forEach(function (entry) { texts[entry.reference] = (entry.title + " " + entry.questions.join(" ")).toLowerCase(); });
    apply();
  }).catch(function () { /* offline from a file: search titles only */ });

  function apply() {
    var words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var year = form.year.value, outcome = form.outcome.value, exemption = form.exemption.value;
    var shown = 0;
    rows.forEach(function (row) {
      var text = texts[row.dataset.reference] || row.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!year || row.dataset.year === year) &&
        (!outcome || row.dataset.outcome === outcome) &&
        (!exemption || row.dataset.exemptions.split("|").indexOf(exemption) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " requests shown";
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        var time = cell.querySelector("time");
        return time ? time.getAttribute("datetime") : cell.textContent.trim().toLowerCase();
      };
      rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1); });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
}());
