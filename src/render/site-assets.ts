/** The site's two files that are not pages: the start page's script and the style sheet (README, "The team's site and calendar feeds"). */

/** The start page's script: who is on call at the page's clock (or at `runbookNow(at)`), and until when. */
export const NOW_SCRIPT = `'use strict';
(function () {
  var data = JSON.parse(document.getElementById('schedule').textContent);
  var format = new Intl.DateTimeFormat('en-GB', {
    timeZone: data.zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  function when(ms) { return format.format(new Date(ms)) + ' ' + data.zone; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function holder(pipeline, role, at) {
    for (var k = 0; k < data.parts.length; k++) {
      var part = data.parts[k];
      if (part.p === pipeline && part.r === role && part.s <= at && at < part.e) return part;
    }
    return undefined;
  }
  function render(at) {
    var panel = document.getElementById('now');
    panel.textContent = '';
    document.getElementById('now-when').textContent = 'At ' + when(at);
    if (at < Date.parse(data.from) || at >= Date.parse(data.until)) {
      panel.appendChild(el('p', 'This page holds the schedule from ' + when(Date.parse(data.from)) + ' to ' +
        when(Date.parse(data.until)) + ' only: build the site again (runbook site) for later weeks.', 'stale'));
      return;
    }
    var list = el('dl', undefined, 'now');
    data.pipelines.forEach(function (pipeline) {
      var primary = holder(pipeline.id, 'primary', at);
      var backup = holder(pipeline.id, 'backup', at);
      var term = el('dt');
      term.appendChild(el('a', pipeline.name)).href = 'handbook/pipelines/' + encodeURIComponent(pipeline.id) + '.html';
      list.appendChild(term);
      var item = el('dd');
      item.dataset.pipeline = pipeline.id;
      var gap = data.gaps.some(function (entry) { return entry.p === pipeline.id && entry.s <= at && at < entry.e; });
      if (gap) {
        item.appendChild(el('span', 'no one: a week no one can take (see the rotation grid)', 'gap'));
      } else if (!primary) {
        item.appendChild(el('span', 'no shift this week (month-end weeks only)', 'none'));
      } else {
        var who = el('a', primary.n, 'primary');
        who.href = 'people/' + encodeURIComponent(primary.i) + '.html';
        who.dataset.person = primary.i;
        item.appendChild(who);
        if (backup) {
          item.appendChild(document.createTextNode(', backed by '));
          var senior = el('a', backup.n, 'backup');
          senior.href = 'people/' + encodeURIComponent(backup.i) + '.html';
          senior.dataset.person = backup.i;
          item.appendChild(senior);
        }
        var until = primary.e;
        if (backup && backup.e < until) until = backup.e;
        item.appendChild(el('span', ' until ' + when(until), 'until'));
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
  }
  window.runbookNow = render;
  render(Date.now());
  setInterval(function () { render(Date.now()); }, 60000);
})();
`;

/** Light and dark (the reader's setting), a phone's width, and print. */
export const STYLE = `:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #555; --line: #ccc; --accent: #0b57d0; --gap: #b3261e; --primary: #0b57d0; --backup: #7a4e00; --holiday: #1e7b34; --night: #4b3c8f; --weekend: #8a3b12; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --bg: #151515; --muted: #b0b0b0; --line: #444; --accent: #8ab4f8; --gap: #f28b82; --primary: #8ab4f8; --backup: #fdd663; --holiday: #81c995; --night: #c3b5ff; --weekend: #f6ad7b; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
header nav { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 12px 16px; border-bottom: 1px solid var(--line); }
main { padding: 0 16px 24px; max-width: 1100px; }
footer { padding: 8px 16px; color: var(--muted); font-size: 14px; border-top: 1px solid var(--line); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
dl.now { display: grid; grid-template-columns: minmax(8em, max-content) 1fr; gap: 6px 16px; }
dl.now dt { font-weight: 600; }
dl.now dd { margin: 0; }
.until, small, .backup, .shadow { color: var(--muted); }
.gap { color: var(--gap); font-weight: 600; }
.stale { color: var(--gap); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 12px 0; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
tr.planned td, tr.planned th { font-style: italic; }
svg.chart { max-width: 480px; width: 100%; height: auto; }
svg.chart text { fill: var(--fg); font-size: 12px; }
.bar.primary, .key.primary { fill: var(--primary); background: var(--primary); }
.bar.backup, .key.backup { fill: var(--backup); background: var(--backup); }
.bar.holidayWeeks, .key.holidayWeeks, .bar.holiday, .key.holiday { fill: var(--holiday); background: var(--holiday); }
.bar.night, .key.night { fill: var(--night); background: var(--night); }
.bar.weekend, .key.weekend { fill: var(--weekend); background: var(--weekend); }
.key { display: inline-block; width: 12px; height: 12px; margin-left: 8px; }
@media (max-width: 600px) { body { font-size: 15px; } dl.now { grid-template-columns: 1fr; } dl.now dd { margin-bottom: 8px; } }
@media print { header, footer, .skip { display: none; } a { color: inherit; text-decoration: none; } tr.planned td { font-style: normal; } }
`;
