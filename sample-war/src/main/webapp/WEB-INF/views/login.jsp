<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="root" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in · Acme Orders</title>
  <link rel="stylesheet" href="${root}/static/orders.css">
</head>
<body class="login-page">
  <main class="login-card">
    <div class="brand brand-dark"><span class="brand-mark">A</span>Acme Orders</div>
    <h1>Sign in</h1>
    <c:if test="${not empty notice}">
      <p id="notice" class="notice notice-${noticeKind}" role="alert"><c:out value="${notice}"/></p>
    </c:if>
    <form method="post" action="${root}/login" id="login-form">
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" value="<c:out value='${username}'/>" required autofocus>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button id="sign-in" type="submit" class="button primary wide">Sign in</button>
    </form>
    <p class="demo-credentials">Demo credentials: <code>demo</code> / <code>demo</code></p>
  </main>
  <p class="login-footer">A legacy-style application with <strong>Token Refresh for Jakarta EE</strong> dropped into
    <code>WEB-INF/lib</code>: no line of its code knows about it.</p>
</body>
</html>
