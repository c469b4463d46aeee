/*
 * Acme Orders dashboard. Plain browser JavaScript, no framework, no refresh logic: the page only asks the
 * server and shows what it answers. Keeping the token fresh is the server-side library's job.
 *
 * Every request the page makes is recorded in window.sample.calls ({at, kind, method, url, status, ms}),
 * shown in the tallies, and read by the browser test: the page must never see a 401 or an error.
 */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var API_MS = 3000;
  var TICK_MS = 250;
  var SHOWN = 10;

  var body = document.body;
  var user = body.getAttribute('data-user');
  var lifetime = Number(body.getAttribute('data-lifetime')) || 60;

  var sample = window.sample = { calls: [], rotations: 0, events: [], eventsAvailable: null, sessionOver: false };
  var counts = { all: 0, ok: 0, unauthorized: 0, errors: 0 };
  var expiresAt = null;
  var deadline = null;
  var apiTurn = 0;

  function $(id) { return document.getElementById(id); }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }

  function text(node, value) { node.textContent = value; }

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  /** One request to this server; resolves to {status, json}, never rejects. */
  function request(kind, method, url, shown) {
    var started = performance.now();
    var entry = { at: new Date().toISOString(), kind: kind, method: method, url: url, status: 0, ms: 0 };
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      entry.status = response.status;
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (ignored) { json = null; }
        return { status: response.status, json: json };
      });
    }, function (error) {
      entry.error = String(error);
      return { status: 0, json: null };
    }).then(function (result) {
      entry.ms = Math.round(performance.now() - started);
      sample.calls.push(entry);
      tally(entry);
      if (shown) { showRequest(entry); }
      if (result.status === 401 && result.json && result.json.error === 'session_expired') {
        sessionOver();
      }
      return result;
    });
  }

  function tally(entry) {
    counts.all++;
    if (entry.status >= 200 && entry.status < 300) {
      counts.ok++;
    } else if (entry.status === 401) {
      counts.unauthorized++;
    } else {
      counts.errors++;
    }
    text($('tally-all'), counts.all);
    text($('tally-ok'), counts.ok);
    text($('tally-401'), counts.unauthorized);
    text($('tally-errors'), counts.errors);
  }

  function showRequest(entry) {
    var item = document.createElement('li');
    var status = entry.status === 0 ? 'failed' : String(entry.status);
    item.className = entry.status >= 200 && entry.status < 300 ? 'ok' : 'bad';
    var when = document.createElement('span');
    when.className = 'when';
    when.textContent = clock(new Date(entry.at));
    var what = document.createElement('span');
    what.className = 'what';
    what.textContent = entry.method + ' /' + entry.url.split('?')[0];
    var code = document.createElement('span');
    code.className = 'code';
    code.textContent = status + ' · ' + entry.ms + ' ms';
    item.appendChild(when);
    item.appendChild(what);
    item.appendChild(code);
    var list = $('requests');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > SHOWN) { list.removeChild(list.lastChild); }
  }

  function note(message) { text($('note'), message); }

  /** The session is over: to the sign-in page, which says so. */
  function sessionOver() {
    if (sample.sessionOver) { return; }
    sample.sessionOver = true;
    note('Session over: to the sign-in page.');
    window.location.replace('login?expired=1');
  }

  /* --- access token: GET /token-refresh/status (the library refreshes first when the token is due) --- */

  function applyExpiry(at, inSeconds) {
    if (at === null || at === undefined) { return; }
    if (expiresAt !== null && at !== expiresAt) {
      sample.rotations++;
      text($('rotations'), sample.rotations);
      $('token-card').classList.remove('flash');
      void $('token-card').offsetWidth; // restart the animation
      $('token-card').classList.add('flash');
    }
    expiresAt = at;
    deadline = performance.now() + inSeconds * 1000;
    text($('expires-at'), clock(new Date(at * 1000)));
  }

  function pollStatus() {
    return request('status', 'GET', 'token-refresh/status').then(function (r) {
      if (r.status === 200 && r.json) {
        if (r.json.authenticated === false) {
          sessionOver();
        } else {
          applyExpiry(r.json.expiresAt, r.json.expiresIn);
        }
      }
    });
  }

  function tick() {
    if (deadline === null) { return; }
    var left = Math.max(0, (deadline - performance.now()) / 1000);
    text($('expires-in'), Math.ceil(left));
    var fill = $('meter-fill');
    fill.style.width = Math.min(100, left / lifetime * 100).toFixed(1) + '%';
    fill.className = left < lifetime / 4 ? 'low' : (left < lifetime / 2 ? 'mid' : '');
  }

  /* --- refresh events: GET /token-refresh/events (opt-in in the library: tokenrefresh.events-endpoint=true) --- */

  function pollEvents() {
    if (sample.eventsAvailable === false) { return Promise.resolve(); }
    return request('events', 'GET', 'token-refresh/events').then(function (r) {
      if (r.status === 404) {
        sample.eventsAvailable = false;
        text($('events-note'), 'The events endpoint is not enabled (tokenrefresh.events-endpoint=true).');
        return;
      }
      if (r.status !== 200 || !r.json || !r.json.events) { return; }
      sample.eventsAvailable = true;
      sample.events = r.json.events;
      renderEvents(r.json.events);
    });
  }

  /** Runs of the same failure (one per request while the circuit is open) become one row with a count. */
  function collapse(events) {
    var rows = [];
    events.forEach(function (event) {
      var last = rows[rows.length - 1];
      if (last && event.type !== 'REFRESHED' && last.type === event.type && last.reason === event.reason
          && last.session === event.session) {
        last.count++;
        if (last.triggers.indexOf(event.trigger) < 0) { last.triggers.push(event.trigger); }
      } else {
        rows.push({ at: event.at, type: event.type, reason: event.reason, session: event.session,
          tookMs: event.tookMs, triggers: [event.trigger], count: 1 });
      }
    });
    return rows;
  }

  function renderEvents(events) {
    var tbody = $('events').tBodies[0];
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    collapse(events).slice(0, 10).forEach(function (event) {
      var row = document.createElement('tr');
      cell(row, clock(new Date(event.at)));
      var outcome = cell(row, '');
      var badge = document.createElement('span');
      badge.className = 'badge ' + ({ REFRESHED: 'good', FAILED: 'warn', SESSION_EXPIRED: 'bad' }[event.type] || '');
      badge.textContent = event.type;
      outcome.appendChild(badge);
      if (event.count > 1) {
        var count = document.createElement('span');
        count.className = 'count';
        count.textContent = '\u00d7' + event.count;
        outcome.appendChild(count);
      }
      cell(row, event.triggers.join(', '));
      cell(row, event.reason === 'NONE' ? '\u2013' : event.reason);
      cell(row, event.session, 'mono');
      cell(row, event.tookMs + ' ms', 'num');
      tbody.appendChild(row);
    });
    $('events-note').style.display = events.length ? 'none' : '';
  }

  /* --- the auth server: GET /mock-auth/admin/stats --- */

  function pollStats() {
    return request('stats', 'GET', 'mock-auth/admin/stats').then(function (r) {
      if (r.status !== 200 || !r.json) { return; }
      var fault = $('fault');
      text(fault, r.json.fault === 'NONE' ? 'none' : r.json.fault);
      fault.className = 'badge ' + (r.json.fault === 'NONE' ? 'good' : 'warn');
      text($('stat-calls'), r.json.totalRefreshCalls);
      text($('stat-ok'), r.json.successfulRefreshes);
      text($('stat-rejected'), r.json.rejectedCalls);
      text($('stat-reuse'), r.json.reuseDetections);
    });
  }

  /* --- the API --- */

  function callApi(which) {
    var url = which === 'me' ? 'api/me' : 'api/orders';
    return request('api', 'GET', url, true).then(function (r) {
      var entry = sample.calls[sample.calls.length - 1];
      var result = $('api-result');
      result.className = 'result ' + (r.status === 200 ? 'ok' : 'bad');
      if (r.status === 200 && r.json && r.json.orders) {
        text(result, '200 OK · ' + r.json.orders.length + ' orders of ' + r.json.user + ' · ' + entry.ms + ' ms');
        renderOrders(r.json.orders);
      } else if (r.status === 200 && r.json) {
        text(result, '200 OK · ' + r.json.user + '\u2019s token valid for ' + r.json.tokenExpiresIn + ' s more · '
            + entry.ms + ' ms');
      } else {
        text(result, (r.status || 'Network error') + (r.json && r.json.message ? ' · ' + r.json.message : ''));
      }
    });
  }

  function renderOrders(orders) {
    var tbody = $('orders').tBodies[0];
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    orders.forEach(function (order) {
      var row = document.createElement('tr');
      cell(row, order.id, 'mono');
      cell(row, order.item);
      cell(row, order.status);
      cell(row, order.total, 'num');
      tbody.appendChild(row);
    });
  }

  /* --- buttons --- */

  var retryAfter = Math.max(1, Math.floor(lifetime / 6));
  var delayMs = Math.min(3000, lifetime * 200);
  var faults = {
    RATE_LIMIT_429: { query: '&count=1&retryAfter=' + retryAfter,
      hint: 'The next refresh call gets 429 "Too many authentication attempts", Retry-After ' + retryAfter
          + ' s. The library keeps the session and tries again after that.' },
    UNAVAILABLE_503: { query: '&count=1&retryAfter=' + retryAfter,
      hint: 'The next refresh call gets 503, Retry-After ' + retryAfter
          + ' s. The token is still valid, so nothing breaks; the refresh is retried.' },
    DELAY: { query: '&count=1&delayMs=' + delayMs,
      hint: 'The next refresh call takes ' + delayMs / 1000 + ' s. Requests arriving meanwhile share that one call.' },
    NONE: { query: '', hint: 'The auth server answers normally.' }
  };

  Array.prototype.forEach.call(document.querySelectorAll('[data-fault]'), function (button) {
    button.addEventListener('click', function () {
      var mode = button.getAttribute('data-fault');
      request('fault', 'POST', 'mock-auth/admin/fault?mode=' + mode + faults[mode].query, true).then(function () {
        text($('fault-hint'), faults[mode].hint);
        pollStats();
      });
    });
  });

  $('call-orders').addEventListener('click', function () { callApi('orders'); });
  $('call-me').addEventListener('click', function () { callApi('me'); });

  $('refresh-now').addEventListener('click', function () {
    request('refresh', 'POST', 'token-refresh/refresh', true).then(function (r) {
      if (r.status === 200 && r.json) {
        note('Refreshed on request.');
        pollStatus();
      }
    });
  });

  $('revoke').addEventListener('click', function () {
    request('revoke', 'POST', 'mock-auth/admin/revoke?user=' + encodeURIComponent(user), true).then(function () {
      note('Session revoked at the auth server. The library finds out at its next refresh; asking it now.');
      // Answers 401 session_expired: the cookies are cleared and the page goes to the sign-in page.
      return request('revoke', 'POST', 'token-refresh/refresh', true);
    });
  });

  /* --- timers: one chain each, never overlapping --- */

  function every(ms, task) {
    function run() {
      if (sample.sessionOver) { return; }
      Promise.resolve(task()).then(function () { window.setTimeout(run, ms); });
    }
    run();
  }

  every(POLL_MS, function () { return Promise.all([pollStatus(), pollEvents(), pollStats()]); });
  every(API_MS, function () {
    if (!$('auto-call').checked) { return null; }
    apiTurn++;
    return callApi(apiTurn % 3 === 0 ? 'me' : 'orders');
  });
  window.setInterval(tick, TICK_MS);
}());
