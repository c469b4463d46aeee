/**
 * The container matrix: the library dropped into a small WAR as a user would, and the same black-box
 * scenarios ({@link org.tokenrefresh.container.ContainerScenarios}, plus
 * {@link org.tokenrefresh.container.EeContainerScenarios} where {@code token-refresh-ee} goes in too) run on
 * each server, started from its distribution on Maven Central on 127.0.0.1. The javax servers get the
 * {@code -javax} jars, and the test application's classes as the build transformed them to {@code javax.*} with the
 * same Eclipse Transformer rules ({@code javax-rules/}) that build those jars: the same scenarios, not a copy.
 *
 * <h2>Usage</h2>
 * <pre>
 * mvn -B -ntp -pl container-tests -am verify                      # every server
 * mvn -B -ntp -pl container-tests -am verify -Dit.test=WildFlyIT  # one server
 * </pre>
 * maven-dependency-plugin downloads and unpacks the distributions to {@code target/servers}; each server runs
 * in {@code target/matrix/<server>} (its logs stay there); start and scenario times are appended to
 * {@code target/matrix/timings.tsv}. A server that does not come up fails every test of its class with the
 * tail of its logs.
 *
 * <h2>Servers and what each proves</h2>
 * <ul>
 * <li>{@code WildFlyIT}: WildFly, default profile {@code standalone.xml} (EJB Lite, MicroProfile Config): the
 * filter, CDI events, the {@code @Schedule} monitor; settings only through a MicroProfile Config
 * {@code config-source} of the {@code microprofile-config-smallrye} subsystem. No JCache for applications (the
 * distribution has no {@code javax.cache} module; Infinispan's own API is not JCache) and no MicroProfile
 * Metrics: in-memory store, no metrics.</li>
 * <li>{@code WildFlyMicroProfileIT}: WildFly {@code standalone-microprofile.xml}: as above plus the readiness
 * check in WildFly's MicroProfile Health, but this profile has no EJB subsystem, so the background monitor never
 * runs there.</li>
 * <li>{@code OpenLibertyIT}: Open Liberty with {@code servlet-6.0, cdi-4.0, enterpriseBeansLite-4.0,
 * mpConfig-3.1}; settings only as {@code server.xml} {@code <variable>}s. No JCache offered: in-memory store.</li>
 * <li>{@code PayaraMicroIT}: Payara Micro 6, settings as {@code -D}: the cluster-wide JCache store on its data
 * grid, MicroProfile Metrics.</li>
 * <li>{@code Jetty12IT}: Jetty 12, {@code ee10} environment, filter only, settings as {@code -D}. The
 * {@code ee10-annotations} module is what runs the library's {@code ServletContainerInitializer}.</li>
 * <li>{@code Tomcat10IT}, {@code Tomcat11IT}: filter only, settings as {@code TOKENREFRESH_*} environment
 * variables, which the filter reads itself where there is no MicroProfile Config.</li>
 * <li>{@code PayaraMicro5IT}: Payara Micro 5 (Java EE 8, MicroProfile 4.1) with {@code token-refresh-filter-javax}'s
 * one-jar drop-in and {@code token-refresh-ee-javax}: as Payara Micro 6, the JCache store on its data grid and
 * MicroProfile Metrics 3.0. It runs on JDK 17 without extra options.</li>
 * <li>{@code Tomcat9IT}: Tomcat 9 (Servlet 4.0), {@code token-refresh-filter-javax}'s one-jar drop-in only, settings
 * as environment variables.</li>
 * </ul>
 *
 * <h2>Beyond the matrix</h2>
 * {@code LogHygieneIT} starts Tomcat 11 once more, with the library's loggers at {@code ALL}, two applications
 * ({@code json.war} and {@code oauth2.war}, the relay servlet with Jersey's client in {@code WEB-INF/lib}) and a
 * {@link org.tokenrefresh.container.Wiretap} in front of the auth backend, and proves that no record of an
 * {@code org.tokenrefresh*} logger holds any token or secret the sessions saw ({@link org.tokenrefresh.container.Secrets}).
 *
 * <h2>Behaviour worth knowing</h2>
 * WildFly and Open Liberty initialise filters on the first request, so the library's start-up lines (and the
 * EE integration's) appear then; the settings are still validated at deployment by the
 * {@code ServletContainerInitializer}. The scenarios use sessions of their own and leave the auth backend
 * healthy, so they do not depend on each other; the background-monitor scenario waits about 15 s for a session
 * to fall due, which is most of an EE server's scenario time.
 */
package org.tokenrefresh.container;
