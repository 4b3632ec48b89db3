// chaff serve: keyboard shortcuts, decisions and block marks. The only script the pages run
// (the Content-Security-Policy allows no other). It never puts page text into HTML: it only
// reads data- attributes, sets textContent and calls the JSON API.
(function () {
  'use strict';
  var KEY = 'chaff-token';
  // The token comes once in the URL fragment (never sent to the server, never in a Referer),
  // is kept in this browser, and goes with every write as X-Chaff-Token.
  var m = location.hash.match(/token=([0-9A-Za-z_-]+)/);
  if (m) {
    localStorage.setItem(KEY, m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  function token() {
    var t = localStorage.getItem(KEY);
    if (!t) {
      t = window.prompt('The chaff serve token (printed when the server started):') || '';
      if (t) localStorage.setItem(KEY, t);
    }
    return t;
  }
  function say(text) {
    var el = document.getElementById('message');
    if (el) el.textContent = text;
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Chaff-Token': token() },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) localStorage.removeItem(KEY);
      return r.json().catch(function () { return {}; }).then(function (j) {
        return { status: r.status, body: j };
      });
    });
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.item'));
  var sel = 0;
  function select(i) {
    if (!rows.length) return;
    sel = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle('sel', k === sel); });
    rows[sel].scrollIntoView({ block: 'nearest' });
  }
  select(0);

  var item = document.getElementById('item');
  var by = document.getElementById('by');
  if (by) by.value = localStorage.getItem('chaff-by') || '';
  function decide(decision) {
    if (!item || item.dataset.status !== 'pending') return;
    var note = document.getElementById('note');
    if (by) localStorage.setItem('chaff-by', by.value);
    say(decision === 'confirm' ? 'confirming…' : 'dismissing…');
    post('/api/items/' + item.dataset.id + '/decision', {
      decision: decision, note: note ? note.value : '', by: by ? by.value : ''
    }).then(function (r) {
      if (r.status === 200) {
        say('recorded: ' + r.body.status);
        location.reload();
      } else {
        say('not recorded (' + r.status + '): ' + (r.body.error || ''));
      }
    });
  }
  document.querySelectorAll('button[data-decision]').forEach(function (b) {
    b.addEventListener('click', function () { decide(b.dataset.decision); });
  });
  document.querySelectorAll('li.blk').forEach(function (li) {
    if (!item) return;
    [['body', true], ['boilerplate', false]].forEach(function (pair) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'mark ' + pair[0];
      b.addEventListener('click', function () {
        post('/api/items/' + item.dataset.id + '/blocks/' + li.dataset.block, {
          body: pair[1], by: by ? by.value : ''
        }).then(function (r) {
          say(r.status === 200 ? 'block ' + li.dataset.block + ' marked ' + pair[0]
            : 'not recorded (' + r.status + '): ' + (r.body.error || ''));
        });
      });
      li.appendChild(b);
    });
  });

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (rows.length) {
      if (e.key === 'j') select(sel + 1);
      else if (e.key === 'k') select(sel - 1);
      else if (e.key === 'Enter' || e.key === 'o') location.href = rows[sel].dataset.href;
    }
    if (item) {
      if (e.key === 'c') decide('confirm');
      else if (e.key === 'd') decide('dismiss');
      else if (e.key === 'j' && item.dataset.next) location.href = item.dataset.next;
      else if (e.key === 'k' && item.dataset.prev) location.href = item.dataset.prev;
    }
  });
})();
