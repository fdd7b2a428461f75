// Search, filters and sorting for the index. Without JavaScript the full table still reads.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("requests");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var pageRows = Array.prototype.slice.call(body.rows);
  var rows = pageRows.slice();
  var count = document.getElementById("count");
  var hint = document.getElementById("q-hint");
  // A long log is split into pages; a search or filter then looks through every page's requests and lists
  // the matches here, the first LIMIT of them. The search index (search/index.json, written by
  // publish/search_index.py) is in small files fetched as a search needs them: the words beginning with
  // the same two letters in one file, what the rows show in others. A request is known there by its
  // number: its place in the log, oldest first.
  var pages = Number(table.getAttribute("data-pages") || "1");
  var total = Number(table.getAttribute("data-total") || rows.length);
  var LIMIT = 500;
  var index = null;  // search/index.json, once it has arrived
  var files = {};    // each file of the index fetched, by name: the promise of its content
  var marked = {};   // each word searched: the promise of the requests whose words begin with it
  var made = {};     // the rows by reference: this page's, and those made for requests of other pages
  var asked = 0;     // the newest search: the result of an older one that arrives later is dropped
  var order = null;  // the column the reader sorted by: [column, ascending]
  pageRows.forEach(function (row) { made[row.dataset.reference] = row; });
  form.hidden = false;

  // Until the index arrives, or if it cannot be fetched (a page opened from disk: browsers block
  // fetch() from file:// URLs), the rows of this page are searched by their own text.
  function titlesOnly() {
    if (!hint) { return; }
    hint.hidden = false;
    form.q.setAttribute("aria-describedby", hint.id);
  }

  function fetched(name) {
    if (!files[name]) {
      files[name] = fetch(name).then(function (response) {
        if (!response.ok) { throw new Error(name + ": " + response.status + " " + response.statusText); }
        return response.json();
      });
      files[name].catch(function () { delete files[name]; });  // fetched again by the next search
    }
    return files[name];
  }

  // Once the reader turns to the search or the filters (focus), the rows of every page are fetched in the
  // background (about 1 MB at 10,000 requests): a search whose results are spread over the years then lists
  // them at once. (A search itself fetches only the files it needs, first.)
  var warmed = false;
  function warm() {
    if (warmed || !index || pages === 1) { return; }
    warmed = true;
    index.rows.forEach(function (name) { fetched(name).catch(function () { warmed = false; }); });
  }
  form.addEventListener("focusin", warm);

  if (window.fetch) {
    fetched("search/index.json").then(function (content) {
      index = content;
      form.setAttribute("data-search", "questions");
      apply();
    }).catch(titlesOnly);
  } else {
    titlesOnly();
  }

  // A text's words as the index holds them (publish/search_index.py `words`): accents and case folded,
  // apostrophes and invisible characters dropped, then runs of letters and digits.
  var DROPPED = /['\u2018\u2019`\u02bc\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;
  function words(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(DROPPED, "")
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Sorted numbers kept as the gaps between them, marked in an array of every request.
  function mark(into, gaps) {
    var number = 0;
    for (var i = 0; i < gaps.length; i += 1) { number += gaps[i]; into[number] = 1; }
    return into;
  }

  // The requests with a word that begins with `word`: from the file of its first two letters (or, for
  // one letter, every file of words beginning with it).
  function matching(word) {
    if (!marked[word]) {
      var letters = Array.from(word);
      var names = letters.length >= index.prefix ? [index.words[letters.slice(0, index.prefix).join("")]]
        : Object.keys(index.words).filter(function (p) { return p.indexOf(word) === 0; })
          .map(function (p) { return index.words[p]; });
      marked[word] = Promise.all(names.filter(Boolean).map(fetched)).then(function (parts) {
        var found = new Uint8Array(index.requests);
        parts.forEach(function (part) {
          Object.keys(part).forEach(function (w) { if (w.indexOf(word) === 0) { mark(found, part[w]); } });
        });
        return found;
      });
      marked[word].catch(function () { delete marked[word]; });
    }
    return marked[word];
  }

  function cell(row, text) {
    var td = document.createElement("td");
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }

  // A row as the index page writes it, for a request listed on another page: [reference, address of its
  // page ("" for requests/REFERENCE/index.html), date, date as written, title, law, outcome, exemptions].
  function rowFor(shown) {
    if (made[shown[0]]) { return made[shown[0]]; }
    var row = document.createElement("tr");
    row.dataset.reference = shown[0];
    var link = document.createElement("a");
    link.href = shown[1] || "requests/" + shown[0] + "/index.html";
    link.textContent = shown[0];
    cell(row).appendChild(link);
    var time = document.createElement("time");
    time.setAttribute("datetime", shown[2]);
    time.textContent = shown[3];
    cell(row).appendChild(time);
    shown.slice(4).forEach(function (text) { cell(row, text); });
    made[shown[0]] = row;
    return row;
  }

  // The rows of these requests: on a log of one page, its own rows (newest first, the last number
  // first); else from the index's files of rows.
  function rowsOf(numbers) {
    var last = index.requests - 1;
    if (pages === 1 && pageRows.length === index.requests) {
      return Promise.resolve(numbers.map(function (n) { return pageRows[last - n]; }));
    }
    var per = index.rows_per_file, wanted = [];
    numbers.forEach(function (n) {
      var file = Math.floor(n / per);
      if (wanted.indexOf(file) === -1) { wanted.push(file); }
    });
    return Promise.all(wanted.map(function (file) { return fetched(index.rows[file]); })).then(function (parts) {
      return numbers.map(function (n) {
        return rowFor(parts[wanted.indexOf(Math.floor(n / per))][n % per]);
      });
    });
  }

  function show(list) {
    if (order) { sortRows(list); }
    if (list.length === body.rows.length && list.every(function (row, i) { return body.rows[i] === row; })) { return; }
    var fragment = document.createDocumentFragment();
    list.forEach(function (row) { row.hidden = false; fragment.appendChild(row); });
    body.textContent = "";
    body.appendChild(fragment);
  }

  function say(text) {
    if (count.textContent !== text) { count.textContent = text; }
  }

  function apply() {
    var wanted = words(form.q.value);
    var choices = [["year", form.year.value], ["outcome", form.outcome.value], ["exemption", form.exemption.value]]
      .filter(function (choice) { return choice[1]; });
    var ask = (asked += 1);
    if (!index) { applyHere(); return; }
    if (!wanted.length && !choices.length) {
      table.removeAttribute("aria-busy");
      rows = pageRows.slice();
      show(rows);
      say(rows.length + " of " + total + " requests shown" + (pages > 1 ? " (this page)" : ""));
      return;
    }
    table.setAttribute("aria-busy", "true");
    Promise.all(wanted.map(matching)).then(function (marks) {
      if (ask !== asked) { return null; }
      choices.forEach(function (choice) {
        marks.push(mark(new Uint8Array(index.requests), index.filters[choice[0]][choice[1]] || []));
      });
      var found = [];
      for (var n = index.requests - 1; n >= 0; n -= 1) {  // newest first
        var all = true;
        for (var m = 0; m < marks.length && all; m += 1) { all = marks[m][n] === 1; }
        if (all) { found.push(n); }
      }
      return rowsOf(found.slice(0, LIMIT)).then(function (list) {
        if (ask !== asked) { return; }
        rows = list;
        show(rows);
        say(found.length + " of " + total + " requests shown" +
          (found.length > LIMIT ? " (the first " + LIMIT + " are listed: narrow the search to see the rest)" : ""));
        table.removeAttribute("aria-busy");
      });
    }).catch(function () {  // a file of the index could not be fetched: this page's rows are searched
      if (ask !== asked) { return; }
      index = null;
      form.removeAttribute("data-search");
      table.removeAttribute("aria-busy");
      titlesOnly();
      applyHere();
    });
  }

  // Without the index: this page's rows, by their own text and the choices they carry.
  function applyHere() {
    var wanted = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var year = form.year.value, outcome = form.outcome.value, exemption = form.exemption.value;
    var shown = 0;
    rows = pageRows.slice();
    show(rows);
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = wanted.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!year || row.dataset.year === year) &&
        (!outcome || row.dataset.outcome === outcome) &&
        (!exemption || row.dataset.exemptions.split("|").indexOf(exemption) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    say(shown + " of " + rows.length + " requests shown");
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });

  // The rows in the order the reader chose (a search's results too): by the date's datetime, or the text.
  function sortRows(list) {
    var column = order[0], ascending = order[1];
    var key = function (row) {
      var cell = row.cells[column];
      var time = cell.querySelector("time");
      return time ? time.getAttribute("datetime") : cell.textContent.trim().toLowerCase();
    };
    list.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1); });
  }

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
      order = [column, ascending];
      sortRows(rows);
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var note = document.createElement("span");
  note.className = "visually-hidden";
  note.textContent = ", sortable: each column heading is a button";
  table.caption.appendChild(note);
  apply();
}());
