namespace SmmuGen.Cli.Docs;

/// <summary>
/// The search script inlined into every page: plain JavaScript, no libraries. It shows an item
/// when its own text (name, doc) has every term, and otherwise only those of its field rows
/// that do; a nested item (a variant) is searched with its parent's text as context, so
/// "cmd sync" finds CMD_SYNC. The query lives in the URL as <c>#q=…</c>.
/// </summary>
internal static class PageScript
{
    public const string Js = """
        (function () {
          'use strict';
          var input = document.getElementById('q');
          var count = document.getElementById('count');
          var none = document.getElementById('none');
          var items = Array.prototype.slice.call(document.querySelectorAll('section.item'));
          var parentOf = function (el) { return el.parentElement ? el.parentElement.closest('section.item') : null; };
          var roots = items.filter(function (el) { return !parentOf(el); });
          var children = new Map(), rows = new Map();
          items.forEach(function (el) { children.set(el, []); rows.set(el, []); });
          items.forEach(function (el) { var p = parentOf(el); if (p) { children.get(p).push(el); } });
          document.querySelectorAll('tr.row').forEach(function (tr) {
            var owner = tr.closest('section.item');
            if (owner) { rows.get(owner).push(tr); }
          });
          var boxes = Array.prototype.slice.call(document.querySelectorAll('svg.bitfield a.fld'));
          var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
          var tocItems = Array.prototype.slice.call(document.querySelectorAll('#toc [data-item]'));
          var tocGroups = Array.prototype.slice.call(document.querySelectorAll('#toc [data-group]'));

          function hasAll(text, terms) { return terms.every(function (t) { return text.indexOf(t) >= 0; }); }
          function hasAny(text, terms) { return terms.some(function (t) { return text.indexOf(t) >= 0; }); }

          function visit(el, terms, context, forced) {
            var own = el.getAttribute('data-search') || '';
            var text = context + ' ' + own;
            var self = forced || terms.length === 0 || (own !== '' && hasAll(text, terms) && hasAny(own, terms));
            var shown = self;
            rows.get(el).forEach(function (tr) {
              var rowText = tr.getAttribute('data-search') || '';
              var hit = terms.length > 0 && hasAll(text + ' ' + rowText, terms) && hasAny(rowText, terms);
              tr.hidden = !(self || hit);
              tr.classList.toggle('hit', hit);
              shown = shown || hit;
            });
            children.get(el).forEach(function (child) { shown = visit(child, terms, text, self) || shown; });
            el.hidden = !shown;
            return shown;
          }

          function apply() {
            var terms = input.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
            var visible = 0;
            roots.forEach(function (el) { if (visit(el, terms, '', false)) { visible++; } });
            boxes.forEach(function (a) {
              var row = document.getElementById(a.getAttribute('href').slice(1));
              a.classList.toggle('hit', !!row && row.classList.contains('hit'));
            });
            groups.forEach(function (g) { g.hidden = !g.querySelector('section.item:not([hidden])'); });
            tocItems.forEach(function (li) {
              var target = document.getElementById(li.getAttribute('data-item'));
              li.hidden = !target || target.hidden;
            });
            tocGroups.forEach(function (li) { li.hidden = !li.querySelector('[data-item]:not([hidden])'); });
            none.hidden = visible > 0;
            count.textContent = terms.length === 0
              ? roots.length + ' items'
              : visible + ' of ' + roots.length + ' items';
          }

          function setHash(value) {
            try {
              history.replaceState(null, '', value ? '#q=' + encodeURIComponent(value) : location.pathname + location.search);
            } catch (e) { /* some file:// contexts refuse; the filter still works */ }
          }

          function fromHash() {
            var h = location.hash;
            if (h.indexOf('#q=') === 0) {
              input.value = decodeURIComponent(h.slice(3));
              apply();
              return;
            }
            // Following a link to an item the filter hides clears the filter first.
            var target = h.length > 1 ? document.getElementById(decodeURIComponent(h.slice(1))) : null;
            if (target && target.closest('[hidden]')) {
              input.value = '';
              apply();
              target.scrollIntoView();
            }
          }

          input.addEventListener('input', function () { apply(); setHash(input.value.trim()); });
          window.addEventListener('hashchange', fromHash);
          document.addEventListener('keydown', function (e) {
            if (e.key === '/' && document.activeElement !== input) {
              e.preventDefault();
              input.focus();
              input.select();
            } else if (e.key === 'Escape' && document.activeElement === input) {
              input.value = '';
              apply();
              setHash('');
            }
          });
          apply();
          fromHash();
          document.documentElement.setAttribute('data-search-ready', '1');
        })();

        """;
}
