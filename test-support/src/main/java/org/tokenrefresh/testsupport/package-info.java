/**
 * The one copy of the test infrastructure that every module of the project uses. Shipped only as a dependency of the
 * testing kit ({@code token-refresh-testing}), which is built on it: no compatibility promise of its own.
 *
 * <ul>
 *   <li>Time and waiting: {@link org.tokenrefresh.testsupport.MutableClock} (a clock tests move by hand, or real
 *       time shifted on demand) and {@link org.tokenrefresh.testsupport.Await} (bounded polling).</li>
 *   <li>Properties: {@link org.tokenrefresh.testsupport.Gen} (seeded generators with explicit edge cases) and
 *       {@link org.tokenrefresh.testsupport.Property} (runs a check over them in a plain JUnit test and names the
 *       seed that replays a failure: {@code -Dtestsupport.seed=N}).</li>
 *   <li>Servers on loopback: {@link org.tokenrefresh.testsupport.EmbeddedTomcat} (Tomcat 11 in this JVM),
 *       {@link org.tokenrefresh.testsupport.PayaraMicro} and {@link org.tokenrefresh.testsupport.DataGrid}
 *       (Payara Micro processes, alone or in one data grid), {@link org.tokenrefresh.testsupport.Loopback} (free
 *       ports, a JDK HTTP server and its answers).
 *       {@code EmbeddedTomcat.withWar} deploys a WAR file as a server does; {@link org.tokenrefresh.testsupport.TempDirCleanup}
 *       removes the WAR copies the Arquillian Payara Micro connector leaves behind.</li>
 *   <li>HTTP details: {@link org.tokenrefresh.testsupport.SetCookies} (Set-Cookie headers by name),
 *       {@link org.tokenrefresh.testsupport.CookieJar} (a browser's cookies across requests),
 *       {@link org.tokenrefresh.testsupport.UnsignedJwt} (JWT-shaped tokens, and reading any JWT's times), and
 *       {@link org.tokenrefresh.testsupport.FileTrees} (cleaning up what servers leave on disk).</li>
 *   <li>Pieces of test applications: {@link org.tokenrefresh.testsupport.CookieTokenServlet} (a resource that reads
 *       its token from a cookie), {@link org.tokenrefresh.testsupport.RelayServlet} (one that calls a downstream API
 *       through a JAX-RS client with a given client feature), {@link org.tokenrefresh.testsupport.BearerApi} (a
 *       downstream API that reads the Bearer token), {@link org.tokenrefresh.testsupport.ChunkedTokens} (a token as
 *       a browser holds it, whole or in chunks).</li>
 *   <li>A test application: {@link org.tokenrefresh.testsupport.ownauth} (one with its own auth endpoints and
 *       token cookies, and the browser page that drives it), deployed on Tomcat and Payara Micro alike.</li>
 *   <li>Built jars: {@link org.tokenrefresh.testsupport.JarContents} (a jar's entries),
 *       {@link org.tokenrefresh.testsupport.ClassFile} (what a class refers to, and what of it a version of an API
 *       lacks) and {@link org.tokenrefresh.testsupport.JavaxJarChecks} (a javax jar against the jakarta jar it was
 *       transformed from).</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * Nothing here refers to a class of the library, the mock auth backend or the sample: the filter's tests depend on
 * this module, so a dependency back would be a cycle, and the user-facing testing kit can take these classes over
 * as they are. Each class is small, documented and uses only the JDK, except {@code EmbeddedTomcat} (Tomcat 11,
 * an optional dependency), {@code TempDirCleanup} (the JUnit launcher, optional), {@code BearerApi} (the JDK's {@code jdk.httpserver}),
 * and {@code CookieTokenServlet}, {@code RelayServlet} and the {@code ownauth} application (the Servlet and JAX-RS
 * APIs, which their containers provide). Every server binds 127.0.0.1 and an ephemeral port.
 */
package org.tokenrefresh.testsupport;
