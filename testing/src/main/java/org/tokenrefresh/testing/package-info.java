/**
 * The testing kit: what an application team needs to test its WAR with the library, in Arquillian tests on Payara
 * Micro and in plain JUnit 5 tests alike. Add {@code org.tokenrefresh:token-refresh-testing} with test scope (Java 17).
 *
 * <ul>
 *   <li>{@link org.tokenrefresh.testing.TokenRefreshDeployment}: the library (one-jar drop-in or Maven jars,
 *       {@code token-refresh-ee}), its settings and the mock auth backend into a ShrinkWrap WAR.</li>
 *   <li>{@link org.tokenrefresh.testing.MockAuthSettings}: the mock in code (token lifetime, protocol, rotation, reuse
 *       detection, rate limits).</li>
 *   <li>{@link org.tokenrefresh.testing.MockAuthServer}: the mock in the test JVM, a JUnit 5 extension;
 *       {@link org.tokenrefresh.testing.MockAuth}: the handle on any running mock (faults, counters, time,
 *       sessions).</li>
 *   <li>{@link org.tokenrefresh.testing.TestUser}: a user with a browser's cookies, time control and the session
 *       assertions.</li>
 *   <li>{@link org.tokenrefresh.testing.TomcatServer}: the WAR on embedded Tomcat 11, for tests without Arquillian.</li>
 * </ul>
 * The README's "Testing your application" has a complete example.
 */
package org.tokenrefresh.testing;
