/**
 * The one copy of the test infrastructure that every module of the project uses; never shipped.
 *
 * <ul>
 *   <li>Time and waiting: {@link org.tokenrefresh.testsupport.MutableClock} (a clock tests move by hand, or real
 *       time shifted on demand) and {@link org.tokenrefresh.testsupport.Await} (bounded polling).</li>
 *   <li>Properties: {@link org.tokenrefresh.testsupport.Gen} (seeded generators with explicit edge cases) and
 *       {@link org.tokenrefresh.testsupport.Property} (runs a check over them in a plain JUnit test and names the
 *       seed that replays a failure: {@code -Dtestsupport.seed=N}).</li>
 *   <li>Servers on loopback: {@link org.tokenrefresh.testsupport.EmbeddedTomcat} (Tomcat 11 in this JVM),
 *       {@link org.tokenrefresh.testsupport.PayaraMicro} and {@link org.tokenrefresh.testsupport.DataGrid}
 *       (Payara Micro processes, alone or in one data grid), {@link org.tokenrefresh.testsupport.Loopback}.</li>
 *   <li>HTTP details: {@link org.tokenrefresh.testsupport.SetCookies} (Set-Cookie headers by name),
 *       {@link org.tokenrefresh.testsupport.UnsignedJwt} (JWT-shaped tokens), and
 *       {@link org.tokenrefresh.testsupport.FileTrees} (cleaning up what servers leave on disk).</li>
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
 * an optional dependency). Every server binds 127.0.0.1 and an ephemeral port.
 */
package org.tokenrefresh.testsupport;
