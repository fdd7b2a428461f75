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
  // A long log is split into pages; a search or filter then looks through every page's requests
  // (search-index.json) and lists the matches here, the first LIMIT of them.
  var pages = Number(table.getAttribute("data-pages") || "1");
  var total = Number(table.getAttribute("data-total") || rows.length);
  var pageRows = rows.slice();
  var entries = null, made = {}, LIMIT = 500;
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
      if (pages > 1) { entries = index; }
      form.setAttribute("data-search", "questions");
      apply();
    }).catch(titlesOnly);
  } else {
    titlesOnly();
  }

  function cell(row, text) {
    var td = document.createElement("td");
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }

  // A row as the index page writes it, for a request listed on another page.
  function rowFor(entry) {
    if (made[entry.reference]) { return made[entry.reference]; }
    var row = document.createElement("tr");
    row.dataset.year = String(entry.year);
    row.dataset.outcome = entry.outcome;
    row.dataset.exemptions = entry.exemptions.join("|");
    row.dataset.reference = entry.reference;
    var link = document.createElement("a");
    link.href = "requests/" + entry.reference + "/index.html";
    link.textContent = entry.reference;
    cell(row).appendChild(link);
    var time = document.createElement("time");
    time.setAttribute("datetime", entry.date);
    time.textContent = entry.date_text;
    cell(row).appendChild(time);
    cell(row, entry.title);
    cell(row, entry.regimes.join(", "));
    cell(row, entry.outcome);
    cell(row, entry.exemptions.join(", ") || "none");
    made[entry.reference] = row;
    return row;
  }

  function show(list) {
    if (list.length === body.rows.length && list.every(function (row, i) { return body.rows[i] === row; })) { return; }
    var fragment = document.createDocumentFragment();
    list.forEach(function (row) { row.hidden = false; fragment.appendChild(row); });
    body.textContent = "";
    body.appendChild(fragment);
  }

  function apply() {
    var words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var year = form.year.value, outcome = form.outcome.value, exemption = form.exemption.value;
    var shown = 0;
    if (entries) {  // a log of several pages: search them all
      if (!words.length && !year && !outcome && !exemption) {
        rows = pageRows;
        show(rows);
        count.textContent = rows.length + " of " + total + " requests shown (this page)";
        return;
      }
      var found = entries.filter(function (entry) {
        var text = texts[entry.reference];
        return words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          (!year || String(entry.year) === year) && (!outcome || entry.outcome === outcome) &&
          (!exemption || entry.exemptions.indexOf(exemption) !== -1);
      });
      rows = found.slice(0, LIMIT).map(rowFor);
      show(rows);
      var said = found.length + " of " + total + " requests shown" +
        (found.length > LIMIT ? " (the first " + LIMIT + " are listed: narrow the search to see the rest)" : "");
      if (count.textContent !== said) { count.textContent = said; }
      return;
    }
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
