<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="root" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Dashboard · Acme Orders</title>
  <link rel="stylesheet" href="${root}/static/orders.css">
</head>
<body class="dashboard-page" data-user="<c:out value='${user}'/>" data-lifetime="${tokenLifetime}">
  <header class="topbar">
    <div class="brand"><span class="brand-mark">A</span>Acme Orders</div>
    <div class="who">
      Signed in as <strong id="user"><c:out value="${user}"/></strong>
      <form method="post" action="${root}/logout" class="inline">
        <button id="logout" type="submit" class="button ghost">Log out</button>
      </form>
    </div>
  </header>

  <main class="dashboard">
    <section class="card" id="token-card">
      <h2>Access token</h2>
      <div class="countdown"><span id="expires-in">–</span><span class="unit">s left</span></div>
      <div class="meter" aria-hidden="true"><div id="meter-fill"></div></div>
      <dl class="facts">
        <dt>Expires at</dt><dd id="expires-at">–</dd>
        <dt>Lifetime</dt><dd><span id="lifetime">${tokenLifetime}</span> s</dd>
        <dt>Rotations seen</dt><dd id="rotations">0</dd>
      </dl>
      <p class="hint">The library refreshes it before it expires, from <code>GET /token-refresh/status</code> and every
        other request. This application has no refresh code.</p>
      <button id="refresh-now" type="button" class="button">Refresh now</button>
    </section>

    <section class="card" id="api-card">
      <h2>Orders API</h2>
      <div class="buttons">
        <button id="call-orders" type="button" class="button primary">GET /api/orders</button>
        <button id="call-me" type="button" class="button">GET /api/me</button>
      </div>
      <label class="toggle"><input id="auto-call" type="checkbox" checked> Call the API every 3 s</label>
      <p id="api-result" class="result">No call yet.</p>
      <table class="orders" id="orders">
        <thead><tr><th>Order</th><th>Item</th><th>Status</th><th class="num">Total</th></tr></thead>
        <tbody></tbody>
      </table>
      <div class="tally">
        <span>Requests <b id="tally-all">0</b></span>
        <span class="ok">2xx <b id="tally-ok">0</b></span>
        <span class="bad">401 <b id="tally-401">0</b></span>
        <span class="bad">Errors <b id="tally-errors">0</b></span>
      </div>
    </section>

    <section class="card" id="backend-card">
      <h2>Auth server</h2>
      <p class="state">Fault: <span id="fault" class="badge">–</span></p>
      <div class="buttons pair">
        <button type="button" class="button" data-fault="RATE_LIMIT_429" id="fault-429">429 Too many</button>
        <button type="button" class="button" data-fault="UNAVAILABLE_503" id="fault-503">503 Unavailable</button>
        <button type="button" class="button" data-fault="DELAY" id="fault-slow">Slow answer</button>
        <button type="button" class="button" data-fault="NONE" id="fault-none">Back to normal</button>
      </div>
      <p class="hint" id="fault-hint">Each fault hits the next refresh call only. The session survives it.</p>
      <dl class="facts">
        <dt>Refresh calls</dt><dd id="stat-calls">–</dd>
        <dt>Successful</dt><dd id="stat-ok">–</dd>
        <dt>Rejected (faults)</dt><dd id="stat-rejected">–</dd>
        <dt>Token reuse detected</dt><dd id="stat-reuse">–</dd>
      </dl>
      <button id="revoke" type="button" class="button danger">Revoke session</button>
    </section>

    <section class="card span-2" id="events-card">
      <h2>Refresh events <small>GET /token-refresh/events</small></h2>
      <table class="events" id="events">
        <thead><tr><th>Time</th><th>Outcome</th><th>Trigger</th><th>Reason</th><th>Session</th><th class="num">Took</th></tr></thead>
        <tbody></tbody>
      </table>
      <p id="events-note" class="empty">No refresh yet. The first one comes when the token is halfway through its life.</p>
    </section>

    <section class="card" id="log-card">
      <h2>Requests from this page</h2>
      <ol id="requests" class="requests"></ol>
      <p id="note" class="note" role="status"></p>
    </section>
  </main>
  <script src="${root}/static/dashboard.js"></script>
</body>
</html>
