// Site search: Material's search box and result list (partials/search.html) over the Pagefind
// bundle of this page's language (pagefind/<code>/ at the site root, built by hooks/search_hook.py).
// Nothing is fetched before the reader opens the search; then Pagefind's script, worker and
// WebAssembly, and only the index chunks and result fragments a query needs, all from this site.
// No eval and no inline script: the site's CSP allows scripts from 'self', plus 'wasm-unsafe-eval'
// for Pagefind's WebAssembly. Material's own search is off; its keys work the same here: "/", "s"
// or "f" open the search, arrows move through the results, Enter opens one, Escape closes.
(function () {
  "use strict";

  var PAGE_SIZE = 10; // results rendered at once; the next ones when the list is scrolled to its end
  var SECTIONS_SHOWN = 2; // sections of a page shown under it; the others under "more on this page"
  var config = JSON.parse(document.getElementById("__config").textContent);
  var strings = config.translations;
  var highlight = config.features.indexOf("search.highlight") >= 0;

  if (highlight) highlightOnArrival();

  var root = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var form = root.querySelector("form");
  var input = root.querySelector(".md-search__input");
  var filter = root.querySelector("[data-search-filter]");
  var region = root.querySelector(".md-search-result");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var scrollwrap = root.querySelector(".md-search__scrollwrap");

  var pagefind = null; // the Pagefind module, loading or loaded
  var latest = 0; // number of the latest search: answers to older ones are dropped
  var pending = []; // results of the latest search not rendered yet
  var words = []; // its words, to highlight on the page a result opens
  var observer = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) renderMore();
  }, { root: scrollwrap });

  function load() {
    if (!pagefind) {
      var url = new URL(root.getAttribute("data-search-bundle") + "pagefind.js", location.href).href;
      pagefind = import(url).then(function (module) {
        return module.options({ excerptLength: 20 }).then(function () {
          module.init(); // starts fetching the language's metadata and WebAssembly
          return module;
        });
      });
      pagefind.catch(function () { pagefind = null; }); // try again at the next search
    }
    return pagefind;
  }

  function search() {
    var query = input.value.trim();
    var topic = filter ? filter.value : "";
    var number = ++latest;
    region.setAttribute("aria-busy", "true"); // until the first results are on screen
    if (!query && !topic) return show([], query, topic);
    load().then(function (module) {
      var filters = {};
      if (topic) filters[filter.getAttribute("data-search-filter")] = topic;
      return module.search(query || null, { filters: filters }); // null: every page of the topic
    }).then(function (response) {
      if (number === latest) show(response.results, query, topic);
    }).catch(function (error) {
      if (number === latest) {
        meta.textContent = strings["search.result.none"];
        region.setAttribute("aria-busy", "false");
      }
      console.error("Search failed:", error);
    });
  }

  function show(results, query, topic) {
    observer.disconnect();
    list.textContent = "";
    pending = results.slice();
    words = query.split(/\s+/).filter(Boolean);
    var count = results.length;
    meta.textContent = count > 1 ? strings["search.result.other"].replace("#", count)
      : count === 1 ? strings["search.result.one"]
      : strings[query || topic ? "search.result.none" : "search.result.placeholder"];
    renderMore();
  }

  function renderMore() {
    var number = latest;
    var batch = pending.splice(0, PAGE_SIZE);
    if (!batch.length) return region.setAttribute("aria-busy", "false");
    observer.disconnect();
    Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (number !== latest) return;
      pages.forEach(function (page) { list.appendChild(renderItem(page)); });
      region.setAttribute("aria-busy", "false");
      if (pending.length) observer.observe(list.lastElementChild);
    });
  }

  // One result as Material renders it: the page, its best sections, the others folded away.
  function renderItem(page) {
    var item = element("li", "md-search-result__item");
    var intro = page.sub_results.filter(function (sub) { return !sub.anchor; })[0];
    var sections = page.sub_results.filter(function (sub) { return sub.anchor; }).sort(function (a, b) {
      return b.locations.length - a.locations.length;
    });
    var teaser = intro ? intro.excerpt : sections.length ? "" : page.excerpt;
    var topics = (page.filters && page.filters[filter ? filter.getAttribute("data-search-filter") : ""]) || [];
    item.appendChild(renderEntry(page.url, page.meta.title, teaser, topics, true));
    sections.slice(0, SECTIONS_SHOWN).forEach(function (section) {
      item.appendChild(renderEntry(section.url, section.title, section.excerpt, [], false));
    });
    var rest = sections.slice(SECTIONS_SHOWN);
    if (rest.length) {
      var more = element("details", "md-search-result__more");
      var summary = element("summary");
      summary.tabIndex = -1;
      summary.appendChild(element("div")).textContent = rest.length === 1
        ? strings["search.result.more.one"] : strings["search.result.more.other"].replace("#", rest.length);
      more.appendChild(summary);
      rest.forEach(function (section) {
        more.appendChild(renderEntry(section.url, section.title, section.excerpt, [], false));
      });
      item.appendChild(more);
    }
    return item;
  }

  function renderEntry(url, title, excerpt, topics, isPage) {
    var link = element("a", "md-search-result__link");
    link.href = highlight ? withHighlight(url, excerpt) : url;
    link.tabIndex = -1; // reached with the arrow keys, as in Material
    var article = link.appendChild(element("article", "md-search-result__article md-typeset"));
    if (isPage) article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element(isPage ? "h1" : "h2")).textContent = title;
    // Pagefind's excerpts are the page's text with < and > escaped and the matches in <mark>.
    if (excerpt) article.appendChild(element("p")).innerHTML = excerpt;
    if (topics.length) {
      var tags = article.appendChild(element("span", "md-tags"));
      topics.forEach(function (label) { tags.appendChild(element("span", "md-tag")).textContent = "#" + label; });
    }
    return link;
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  // The page a result opens highlights the query's words and the words Pagefind matched (stems,
  // other forms), as Material's search.highlight does: ?h=word+word.
  function withHighlight(url, excerpt) {
    var marked = (excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [];
    var terms = words.concat(marked.map(function (mark) {
      return mark.slice(6, -7).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); // "trust," -> "trust"
    })).filter(Boolean);
    var target = new URL(url, location.href);
    target.searchParams.set("h", terms.filter(function (term, i) { return terms.indexOf(term) === i; }).join(" "));
    return target.href;
  }

  function highlightOnArrival() {
    var content = document.querySelector(".md-content article");
    var terms = (new URL(location.href).searchParams.get("h") || "").split(/\s+/).filter(function (term) {
      return term.length > 1 || /[^\x00-\x7f]/.test(term); // one Latin letter would mark everything
    });
    if (!content || !terms.length) return;
    terms.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp(terms.map(function (term) {
      return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "giu");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var found = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      pattern.lastIndex = 0;
      if (pattern.test(node.data) && !node.parentElement.closest("mark, script, style")) found.push(node);
    }
    found.forEach(function (text) {
      var parts = document.createDocumentFragment();
      var last = 0;
      text.data.replace(pattern, function (match, offset) {
        parts.appendChild(document.createTextNode(text.data.slice(last, offset)));
        var mark = parts.appendChild(element("mark"));
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match;
        last = offset + match.length;
        return match;
      });
      parts.appendChild(document.createTextNode(text.data.slice(last)));
      text.parentNode.replaceChild(parts, text);
    });
  }

  // --- opening, closing and the keyboard, as Material's search does ------------------------------

  function open() {
    if (!toggle.checked) toggle.click(); // Material's own toggle: its layout and scroll lock follow
  }

  function close() {
    if (toggle.checked) toggle.click();
  }

  toggle.addEventListener("change", function () {
    list.hidden = !toggle.checked;
    list.setAttribute("role", toggle.checked ? "list" : "presentation");
    if (toggle.checked) {
      load();
      if (!root.contains(document.activeElement)) input.focus();
    } else if (root.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  });
  list.hidden = true;
  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  if (filter) filter.addEventListener("change", search);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); }); // after the form has emptied the field
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close(); // a section of this same page: show it, not the search
  });
  root.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) close(); // tabbed out of the search
  });

  root.addEventListener("keydown", function (event) {
    if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return; // IME: ja, zh
    var active = document.activeElement;
    if (event.key === "Escape") {
      close(); // not stopped: Escape twice is still the quick exit
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      var best = list.querySelector("a");
      if (best) best.click();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && active !== filter) {
      var stops = [input].concat(Array.prototype.slice.call(
        list.querySelectorAll(":not(details) > a[href], summary, details[open] > a[href]")));
      var at = Math.max(0, stops.indexOf(active)) + (event.key === "ArrowUp" ? -1 : 1);
      stops[(at + stops.length) % stops.length].focus();
      event.preventDefault();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "f") return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  // A link to a search: ?q=words opens it, as in Material.
  var query = new URL(location.href).searchParams.get("q");
  if (query) {
    input.value = query;
    input.focus();
    search();
  }
})();
