package org.tokenrefresh.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds the library, its settings and, when wanted, the mock auth backend to a ShrinkWrap test WAR: what an Arquillian
 * {@code @Deployment} method returns, or what {@link TomcatServer} runs.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive orders() {
 *     WebArchive war = ShrinkWrap.create(WebArchive.class, "orders.war").addPackage(OrdersServlet.class.getPackage());
 *     return TokenRefreshDeployment.of(war)
 *             .withLibrary(Library.ONE_JAR).withEeIntegration()
 *             .withMockAuth("/mock-auth", MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(10)))
 *             .config("tokenrefresh.login-url", "/login")
 *             .build();
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * The keys go into a jar of the WAR's {@code WEB-INF/lib} as its {@code META-INF/microprofile-config.properties}, with
 * {@code config_ordinal=150}: they beat the application's own file (100), the administrator's system properties and
 * environment beat them. {@link TomcatServer} gives them to the application as context parameters. Set by the kit:
 * <ul>
 *   <li>{@link #authBackend} or {@link #withMockAuth}: {@code tokenrefresh.backend-url}, and for
 *       {@link MockAuthSettings.Protocol#OAUTH2} {@code protocol}, {@code client-id}, {@code client-secret};</li>
 *   <li>{@link #config}: any key, the application's own too (it wins over the kit's).</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>{@link Library#ONE_JAR}: the filter's {@code -all} jar, found beside the filter's jar on the test class path
 *       (or named by {@code -Dtokenrefresh.testing.one-jar=<path>}); {@link Library#MAVEN_JARS}: the filter's jar and
 *       its runtime dependencies from the test class path, as Maven packages them. {@link #withEeIntegration()} takes
 *       {@code token-refresh-ee} from the test class path. A WAR that already holds the filter is refused.</li>
 *   <li>{@link #withMockAuth}: the mock is served by the WAR below the path, and the library calls it through the
 *       server's own HTTP port, which Payara's MicroProfile Config tells ({@code payara.instance.http.port}) and
 *       {@link TomcatServer} fills in. On another server, give {@code tokenrefresh.backend-url} with {@link #config}.
 *       The test reaches it with {@code MockAuth.at(application + "mock-auth")}.</li>
 *   <li>The WAR's context path is its name without {@code .war} ({@code ROOT.war}: the root), as Arquillian deploys
 *       it.</li>
 * </ul>
 */
public final class TokenRefreshDeployment {

    /** How the library goes into {@code WEB-INF/lib}. */
    public enum Library {
        /** The one-jar drop-in, {@code token-refresh-filter-<version>-all.jar}: what a team without Maven installs. */
        ONE_JAR,
        /** {@code token-refresh-filter} and its runtime dependencies, as Maven's WAR plugin packages them. */
        MAVEN_JARS
    }

    private final WebArchive war;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Library library;
    private boolean eeIntegration;
    private MockAuth authBackend;
    private String mockPath;
    private MockAuthSettings mockSettings;
    private boolean built;

    private TokenRefreshDeployment(WebArchive war) {
        this.war = Objects.requireNonNull(war, "war");
    }

    /** Decorates the application's test WAR. */
    public static TokenRefreshDeployment of(WebArchive war) {
        return new TokenRefreshDeployment(war);
    }

    /** Adds the library to {@code WEB-INF/lib}, packaged the given way. Default value: not added (the WAR has it). */
    public TokenRefreshDeployment withLibrary(Library packaging) {
        this.library = Objects.requireNonNull(packaging, "packaging");
        return this;
    }

    /** Adds {@code token-refresh-ee} (CDI events, background monitor, cluster store, health, metrics). */
    public TokenRefreshDeployment withEeIntegration() {
        this.eeIntegration = true;
        return this;
    }

    /** Points the library at a running mock, such as a {@link MockAuthServer} in the test JVM. */
    public TokenRefreshDeployment authBackend(MockAuth auth) {
        this.authBackend = Objects.requireNonNull(auth, "auth");
        return this;
    }

    /**
     * Deploys the mock inside the WAR below {@code path} (such as {@code /mock-auth}) with these settings, and points
     * the library at it. Bad settings fail here.
     */
    public TokenRefreshDeployment withMockAuth(String path, MockAuthSettings settings) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("the mock's path must look like /mock-auth: '" + path + "'");
        }
        settings.newBackend();
        this.mockPath = path;
        this.mockSettings = settings;
        return this;
    }

    /** Sets a configuration key of the library ({@code tokenrefresh.*}) or of the application. */
    public TokenRefreshDeployment config(String key, String value) {
        config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
        return this;
    }

    /** Adds what was asked to the WAR and returns it. Once only. */
    public WebArchive build() {
        if (built) {
            throw new IllegalStateException("already built: " + war.getName());
        }
        if (authBackend != null && mockPath != null) {
            throw new IllegalStateException("either authBackend (a mock outside the WAR) or withMockAuth (inside), not both");
        }
        built = true;
        Map<String, String> keys = new LinkedHashMap<>();
        if (authBackend != null) {
            keys.putAll(authBackend.settings().libraryKeys(authBackend.url()));
        }
        if (mockPath != null) {
            keys.putAll(mockSettings.libraryKeys("http://127.0.0.1:" + WarConfig.SERVER_PORT + contextPath(war) + mockPath));
            LibraryJars.addMockAuthBackend(war);
        }
        keys.putAll(config);
        if (library != null) {
            refuseASecondLibrary();
            if (library == Library.ONE_JAR) {
                LibraryJars.addOneJar(war);
            } else {
                LibraryJars.addMavenJars(war);
            }
        }
        if (eeIntegration) {
            LibraryJars.addEeIntegration(war);
        }
        if (!keys.isEmpty() || mockPath != null) {
            war.addAsLibrary(WarConfig.jar(keys, mockPath, mockSettings));
        }
        return war;
    }

    /** The context path the WAR is deployed at: its name without {@code .war}; {@code ROOT.war} is the root. */
    static String contextPath(WebArchive war) {
        String name = war.getName().endsWith(".war") ? war.getName().substring(0, war.getName().length() - 4) : war.getName();
        return name.equals("ROOT") ? "" : "/" + name;
    }

    private void refuseASecondLibrary() {
        for (ArchivePath path : war.getContent().keySet()) {
            String name = path.get();
            if (name.startsWith("/WEB-INF/lib/token-refresh-filter")) {
                throw new IllegalStateException(war.getName() + " already holds the library: " + name);
            }
        }
    }
}
