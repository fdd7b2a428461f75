// Search, filters and sorting for the index. Without JavaScript the full table still reads.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("requests");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("count");
  var hint = document.getElementById("q-hint");
  var texts = {};
  form.hidden = false;

  // The search index holds each request's title and questions. Until it arrives, or if it cannot be
  // fetched (a page opened from disk: browsers block fetch() from file:// URLs), the rows' own text is searched.
  function titlesOnly() {
    if (!hint) { return; }
    hint.hidden = false;
    form.q.setAttribute("aria-describedby", hint.id);
  }
  if (window.fetch) {
    fetch("search-index.json").then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    }).then(function (index) {
      index.forEach(function (entry) { texts[entry.reference] = (entry.title + " " + entry.questions.join(" ")).toLowerCase(); });
      form.setAttribute("data-search", "questions");
      apply();
    }).catch(titlesOnly);
  } else {
    titlesOnly();
  }

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
    var text = shown + " of " + rows.length + " requests shown";
    if (count.textContent !== text) { count.textContent = text; }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });

  // Each column heading becomes a button; aria-sort on the heading says which column orders the rows, and how.
  var headings = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headings, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
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
  var note = document.createElement("span");
  note.className = "visually-hidden";
  note.textContent = ", sortable: each column heading is a button";
  table.caption.appendChild(note);
  apply();
}());
