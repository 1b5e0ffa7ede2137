/* Site search with Pagefind: the header box (quick results as you type) and the search page (all
   results, with filters). Pagefind is loaded only when someone starts to search, and fetches only the
   index chunks and result fragments a query needs. Everything shown from the index is escaped. */
(function () {
  "use strict";

  var RECOMMENDATIONS = 290;
  var NUMBER = /^\s*(?:(?:rec(?:ommendation)?|no)\.?\s*)?#?\s*(\d{1,3})\s*$/i;
  var pagefindPromise = null;

  function siteBase() {
    // Material writes the relative path to the site root into #__config; resolve it to an absolute URL.
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    var url = new URL(base.replace(/\/?$/, "/"), window.location.href);
    return url.href;
  }

  function loadPagefind() {
    if (!pagefindPromise) {
      var base = siteBase();
      // A national index is built as several bundles (publish/search_index.py): merged here, they are
      // searched as one, with one ranking and the filters added up.
      var box = document.querySelector("[data-fr-search]");
      var more = ((box && box.getAttribute("data-fr-search-bundles")) || "").split(" ").filter(Boolean);
      var options = { baseUrl: new URL(base).pathname, excerptLength: 24 };
      pagefindPromise = import(base + "pagefind/pagefind.js").then(function (pagefind) {
        return pagefind.options(options).then(function () {
          pagefind.init();
          return Promise.all(more.map(function (bundle) {
            return pagefind.mergeIndex(new URL(bundle, base).pathname, options);
          }));
        }).then(function () {
          return pagefind;
        });
      });
    }
    return pagefindPromise;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Pagefind marks matches with <mark>; keep those and nothing else. `title`: the heading shown above the
  // excerpt, whose words are left out of its start.
  function safeExcerpt(html, title) {
    var marked = String(html).replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002");
    var holder = document.createElement("div");
    holder.innerHTML = marked.replace(/<[^>]*>/g, "");
    var text = withoutTitle(holder.textContent, title);
    return escapeHtml(text).replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");
  }

  // A record's or section's text starts with its heading (ended with a full stop by Pagefind), so an
  // excerpt near the top would repeat the title shown just above it, or the end of it: drop those words.
  function withoutTitle(text, title) {
    var heading = String(title || "").split(/\s+/).filter(Boolean);
    var words = text.split(" ");
    var bare = words.map(function (word) { return word.replace(/[\u0001\u0002]/g, ""); });
    for (var k = Math.min(heading.length, bare.length - 1); k > 0; k--) {
      var tail = heading.slice(heading.length - k);
      var same = tail.every(function (word, i) {
        if (i < k - 1) return bare[i] === word;
        return bare[i] === word + "." || (k === heading.length && bare[i] === word);
      });
      if (!same) continue;
      var dropped = words.slice(0, k).join(" ");
      var open = (dropped.match(/\u0001/g) || []).length > (dropped.match(/\u0002/g) || []).length;
      return (open ? "\u0001" : "") + words.slice(k).join(" ");
    }
    return text;
  }

  function numberTarget(query) {
    var match = NUMBER.exec(query || "");
    if (!match) return null;
    var n = parseInt(match[1], 10);
    if (n < 1 || n > RECOMMENDATIONS) return null;
    return { number: n, url: siteBase() + "recommendations/" + n + "/" };
  }

  function statusTag(meta) {
    if (!meta.status) return "";
    return ' <strong class="fr-status-' + escapeHtml(meta.status_code || "") + '">' +
      escapeHtml(meta.status) + "</strong>";
  }

  function describe(data) {
    var meta = data.meta || {};
    var parts = [];
    if (meta.kind) parts.push(escapeHtml(meta.kind));
    if (meta.organisation) parts.push(escapeHtml(meta.organisation));
    if (meta.recommendation && meta.kind !== "Recommendation") parts.push(escapeHtml(meta.recommendation));
    if (meta.government) parts.push("Government response: " + escapeHtml(meta.government));
    return parts.join(" · ") + statusTag(meta);
  }

  // Responses are indexed as records whose real address is an anchor on an organisation's page; their
  // actions (and, at national scale, the responses grouped into one record) come back as sub-results,
  // each with its anchor on the same page.
  function actionItems(data) {
    var meta = data.meta || {};
    if (!meta.page) return "";
    var own = (meta.href || "").split("#")[1];
    var actions = (data.sub_results || []).filter(function (sub) {
      var anchor = sub.url.split("#")[1] || "";
      return /^(rec-\d+(-action-\d+)?|plan-action-\d+)$/.test(anchor) && (anchor !== own || meta.kind === "Responses");
    });
    if (!actions.length) return "";
    return '<ul class="fr-result__actions">' + actions.slice(0, 3).map(function (sub) {
      var href = siteBase() + meta.page + "#" + sub.url.split("#")[1];
      return '<li><a href="' + escapeHtml(href) + '">' + escapeHtml(sub.title) + "</a> " +
        '<span class="fr-result__excerpt">' + safeExcerpt(sub.excerpt || "", sub.title) + "</span></li>";
    }).join("") + "</ul>";
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var url = meta.href ? siteBase() + meta.href : data.url;
    var actions = actionItems(data);  // when the words are in actions, their excerpts say it better
    return '<li class="fr-result"><a class="fr-result__title" href="' + escapeHtml(url) + '">' +
      escapeHtml(meta.title || data.url) + '</a><p class="fr-result__meta">' + describe(data) + "</p>" +
      (actions || '<p class="fr-result__excerpt">' + safeExcerpt(data.excerpt || "", meta.title) + "</p>") + "</li>";
  }

  function numberItem(target) {
    return '<li class="fr-result fr-result--number"><a class="fr-result__title" href="' + escapeHtml(target.url) +
      '">Go to recommendation ' + target.number + '</a><p class="fr-result__meta">Its text, the Government\'s ' +
      "response and every organisation's response</p></li>";
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* Words too common to narrow a search. Pagefind would fetch their index chunks, which at national
     scale are the largest of all (half a megabyte for "of"), to no benefit. */
  var STOP_WORDS = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
    "on", "or", "that", "the", "to", "with"];

  function searchTerms(query) {
    var words = (query || "").split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return STOP_WORDS.indexOf(w.toLowerCase()) === -1; });
    return (kept.length ? kept : words).join(" ");
  }

  /* Full-text ranking alone can put an organisation's page below its many responses that mention its
     name. Among the first results, a page (organisation or recommendation) whose title holds every
     word typed goes first. */
  var PIN_WINDOW = 12;

  /* "Did you mean": every word the search index holds, in a file per first letter, most frequent first
     (search/words/<letter>.txt, made at build time). A word typed that is not among them is searched as
     the closest one that is, within one edit (two for a long word), the most frequent first; the status
     line says so. Only the files for the letters typed are fetched, once. */
  var vocabularies = {};

  function lettersOf(terms) {
    var letters = {};
    (terms || "").toLowerCase().split(/\s+/).forEach(function (w) { if (/^[a-z]{4,}$/.test(w)) letters[w[0]] = true; });
    return Object.keys(letters);
  }

  function vocabulary(terms) {
    var letters = lettersOf(terms);
    return Promise.all(letters.map(function (letter) {
      if (!vocabularies[letter]) {
        vocabularies[letter] = fetch(siteBase() + "search/words/" + letter + ".txt").then(function (response) {
          return response.ok ? response.text() : "";
        }).then(function (text) { return text.split("\n").filter(Boolean); }).catch(function () { return []; });
      }
      return vocabularies[letter];
    })).then(function (lists) {
      var known = { words: {}, has: {} };
      lists.forEach(function (list, i) {
        known.words[letters[i]] = list;
        list.forEach(function (w) { known.has[w] = true; });
      });
      return known;
    });
  }

  function edits(a, b, most) {
    // Optimal string alignment distance, giving up beyond `most`.
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) { rows.push([i]); }
    for (var j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var best = most + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > most) return most + 1;
    }
    return rows[a.length][b.length];
  }

  function corrected(terms, known) {
    var changed = false;
    var words = (terms || "").split(/\s+/).filter(Boolean).map(function (word) {
      var lower = word.toLowerCase();
      var list = known.words[lower[0]] || [];
      if (!/^[a-z]{4,}$/.test(lower) || known.has[lower] || !list.length) return word;
      var most = lower.length >= 7 ? 2 : 1;
      for (var i = 0; i < list.length; i++) {
        if (edits(lower, list[i], most) <= most) { changed = true; return list[i]; }
      }
      return word;
    });
    return changed ? words.join(" ") : null;
  }

  function ranked(pagefind, query, filters, debounce) {
    return vocabulary(searchTerms(query)).then(function (known) {
      var fixed = corrected(query, known);
      return rankedFor(pagefind, fixed || query, filters, debounce).then(function (search) {
        if (search) search.corrected = fixed;
        return search;
      });
    });
  }

  function rankedFor(pagefind, query, filters, debounce) {
    var terms = searchTerms(query);
    var main = debounce ? pagefind.debouncedSearch(terms, { filters: filters }, 150)
      : pagefind.search(terms || null, { filters: filters });
    var words = (terms || "").toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    return main.then(function (search) {
      if (search === null) return null;
      var window = search.results.slice(0, PIN_WINDOW);
      return Promise.all(window.map(function (r) { return r.data(); })).then(function (datas) {
        var pinned = [];
        var rest = [];
        datas.forEach(function (data, i) {
          var meta = data.meta || {};
          var title = (meta.title || "").toLowerCase();
          var isPage = meta.kind === "Organisation" || meta.kind === "Recommendation";
          var item = { id: window[i].id, data: function () { return Promise.resolve(data); } };
          (isPage && words.length && words.every(function (w) { return title.indexOf(w) !== -1; }) ? pinned : rest).push(item);
        });
        return { results: pinned.concat(rest, search.results.slice(PIN_WINDOW)) };
      });
    });
  }

  /* ---------- the header box ---------- */
  function setUpHeader(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input");
    var panel = root.querySelector(".fr-search__panel");
    var status = panel.querySelector(".fr-search__status");
    var list = panel.querySelector(".fr-search__results");
    var all = panel.querySelector(".fr-search__all a");
    var pageUrl = root.getAttribute("data-fr-search-page");
    var timer = null;
    var stale = false; // the box holds a query that has not been searched for
    var latest = 0;

    function open(isOpen) {
      panel.hidden = !isOpen;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      all.href = pageUrl + (query ? "?q=" + encodeURIComponent(query) : "");
      if (!query) { open(false); status.textContent = ""; list.innerHTML = ""; return; }
      open(true);
      status.textContent = "Searching…";
      loadPagefind().then(function (pagefind) {
        return ranked(pagefind, query, {}, true);
      }).then(function (search) {
        if (search === null || ticket !== latest) return null; // a newer query replaced this one
        return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (items) {
          if (ticket !== latest) return;
          var target = numberTarget(query);
          var html = target ? numberItem(target) : "";
          list.innerHTML = html + items.map(resultItem).join("");
          var count = search.results.length;
          var shownFor = search.corrected || query;
          status.textContent = count ? plural(count, "result") + " for “" + shownFor + "”" +
            (count > items.length ? ", showing the first " + items.length : "") +
            (search.corrected ? " (you typed “" + query + "”)" : "") :
            (target ? "" : "No results for “" + query + "”");
        });
      }).catch(function () {
        status.textContent = "Search is not available right now. Browse all recommendations or organisations instead.";
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { timer = null; run(); }, 120);
    });
    input.addEventListener("focus", function () {
      loadPagefind();
      if (!input.value.trim()) return;
      if (stale) { stale = false; run(); } else open(true);
    });
    form.addEventListener("submit", function (event) {
      var target = numberTarget(input.value);
      if (target) { event.preventDefault(); window.location.href = target.url; }
    });
    root.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var index = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        // A search still waiting to start would open the panel again: it runs when the box is next used.
        if (timer !== null) { window.clearTimeout(timer); timer = null; stale = true; }
        input.focus(); // before closing: focusing the box from a result would open the panel
        open(false);
        event.preventDefault();
      }
      else if (event.key === "ArrowDown" && links.length) {
        links[Math.min(index + 1, links.length - 1)].focus(); event.preventDefault();
      } else if (event.key === "ArrowUp" && index >= 0) {
        (index === 0 ? input : links[index - 1]).focus(); event.preventDefault();
      }
    });
    document.addEventListener("click", function (event) { if (!root.contains(event.target)) open(false); });
    document.addEventListener("keydown", function (event) {
      var tag = (event.target && event.target.tagName) || "";
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (event.target && event.target.isContentEditable);
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  /* ---------- the search page ---------- */
  var FILTERS = ["Type", "Organisation", "Theme", "Government response", "Status"];  // as generator/search.py
  var PAGE_SIZE = 10;

  function setUpPage(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var filterBox = root.querySelector(".fr-search-page__filters");
    var status = root.querySelector(".fr-search-page__status");
    var list = root.querySelector(".fr-search-page__results");
    var more = root.querySelector(".fr-search-page__more");
    var shown = 0;
    var current = null;
    var ticket = 0;
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";

    function chosenFilters() {
      var filters = {};
      Array.prototype.forEach.call(filterBox.querySelectorAll("select"), function (select) {
        if (select.value) filters[select.name] = select.value;
      });
      return filters;
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      var filters = chosenFilters();
      Object.keys(filters).forEach(function (key) { next.set(key, filters[key]); });
      var query = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function showMore() {
      var slice = current.results.slice(shown, shown + PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        list.insertAdjacentHTML("beforeend", items.map(resultItem).join(""));
        shown += items.length;
        more.hidden = shown >= current.results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var filters = chosenFilters();
      var mine = ++ticket;
      remember();
      if (!query && !Object.keys(filters).length) {
        list.innerHTML = ""; more.hidden = true;
        status.textContent = "Type what you are looking for, or choose a filter.";
        return;
      }
      status.textContent = "Searching…";
      loadPagefind().then(function (pagefind) {
        return ranked(pagefind, query || null, filters, false);
      }).then(function (search) {
        if (mine !== ticket) return null;
        current = search;
        shown = 0;
        var target = numberTarget(query);
        list.innerHTML = target ? numberItem(target) : "";
        return showMore().then(function () {
          var n = search.results.length;
          var shownFor = search.corrected || query;
          status.textContent = (n ? plural(n, "result") : "No results") + (query ? " for “" + shownFor + "”" : "") +
            (Object.keys(filters).length ? ", filtered" : "") +
            (search.corrected ? " (you typed “" + query + "”)" : "") + ".";
        });
      }).catch(function () {
        status.textContent = "Search is not available right now.";
      });
    }

    function buildFilters(pagefind) {
      return pagefind.filters().then(function (available) {
        filterBox.innerHTML = FILTERS.filter(function (name) { return available[name]; }).map(function (name, i) {
          var values = Object.keys(available[name]).sort();
          var id = "fr-filter-" + i;
          return '<div class="fr-filter"><label for="' + id + '">' + escapeHtml(name) + "</label>" +
            '<select id="' + id + '" name="' + escapeHtml(name) + '"><option value="">Any</option>' +
            values.map(function (v) {
              var selected = params.get(name) === v ? " selected" : "";
              return '<option value="' + escapeHtml(v) + '"' + selected + ">" + escapeHtml(v) + "</option>";
            }).join("") + "</select></div>";
        }).join("");
        filterBox.hidden = false;
        Array.prototype.forEach.call(filterBox.querySelectorAll("select"), function (select) {
          select.addEventListener("change", run);
        });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var target = numberTarget(input.value);
      if (target) { window.location.href = target.url; return; }
      run();
    });
    more.addEventListener("click", function () { showMore(); });
    loadPagefind().then(buildFilters).then(run).catch(function () {
      status.textContent = "Search is not available right now.";
    });
  }

  function init() {
    var header = document.querySelector("[data-fr-search]");
    if (header && !header.dataset.ready) { header.dataset.ready = "1"; setUpHeader(header); }
    var page = document.querySelector("[data-fr-search-results]");
    if (page && !page.dataset.ready) { page.dataset.ready = "1"; setUpPage(page); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
