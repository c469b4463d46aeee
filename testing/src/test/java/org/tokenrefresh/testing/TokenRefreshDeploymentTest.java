package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.internal.MockAuthInitializer;

/** What the deployment helper puts into a WAR, for each way of adding the library, the mock and the settings. */
class TokenRefreshDeploymentTest {

    private static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name);
    }

    @Test
    void oneJarDropInIsTheFiltersAllJarAlone() {
        WebArchive war = TokenRefreshDeployment.of(war("orders.war")).withLibrary(Library.ONE_JAR).build();

        List<String> libs = libraries(war);
        assertEquals(1, libs.size(), libs.toString());
        assertTrue(libs.get(0).matches("token-refresh-filter-.+-all\\.jar"), libs.toString());
    }

    @Test
    void mavenJarsAreTheFilterAndExactlyTheDependenciesTheOneJarCarries() throws IOException {
        WebArchive war = TokenRefreshDeployment.of(war("orders.war")).withLibrary(Library.MAVEN_JARS).build();
        Set<String> mavenClasses = new HashSet<>();
        Map<String, Integer> classesPerJar = new TreeMap<>();
        for (String jar : libraries(war)) {
            Set<String> entries = entries(war.get("WEB-INF/lib/" + jar).getAsset().openStream());
            mavenClasses.addAll(entries);
            classesPerJar.put(jar, entries.size());
        }

        Set<String> relocated;
        try (InputStream in = java.nio.file.Files.newInputStream(LibraryJars.oneJar())) {
            relocated = entries(in).stream().filter(e -> e.endsWith(".class") && e.startsWith("org/tokenrefresh/internal/"))
                    .map(TokenRefreshDeploymentTest::original).filter(e -> e != null).collect(Collectors.toCollection(TreeSet::new));
        }

        assertEquals(6, classesPerJar.size(), "the filter and five dependencies: " + classesPerJar);
        Set<String> missing = new TreeSet<>(relocated);
        missing.removeAll(mavenClasses);
        assertEquals(Set.of(), missing, "every dependency class the one jar carries is in the Maven jars");
        for (String jar : classesPerJar.keySet()) {
            Set<String> ofJar = entries(war.get("WEB-INF/lib/" + jar).getAsset().openStream());
            assertTrue(jar.startsWith("token-refresh-filter") || ofJar.stream().anyMatch(relocated::contains),
                    jar + " is not among the one jar's dependencies");
        }
    }

    /** The class a relocated one was, per the filter's shade configuration; null for the library's own and the SLF4J binding. */
    private static String original(String entry) {
        String[][] relocations = {{"org/tokenrefresh/internal/hc/", "org/apache/hc/"},
            {"org/tokenrefresh/internal/caffeine/", "com/github/benmanes/caffeine/"}, {"org/tokenrefresh/internal/slf4j/", "org/slf4j/"}};
        for (String[] relocation : relocations) {
            if (entry.startsWith(relocation[0])) {
                String name = relocation[1] + entry.substring(relocation[0].length());
                return name.startsWith("org/slf4j/impl/") ? null : name; // slf4j-jdk14 goes only into the one jar
            }
        }
        return null;
    }

    @Test
    void eeIntegrationComesFromTheClassPath() {
        WebArchive war = TokenRefreshDeployment.of(war("orders.war")).withLibrary(Library.ONE_JAR).withEeIntegration().build();

        assertTrue(libraries(war).stream().anyMatch(jar -> jar.startsWith("token-refresh-ee")), libraries(war).toString());
    }

    @Test
    void aMockOutsideTheWarIsNamedInTheConfigurationWhichBeatsTheApplicationsOwnFile() throws IOException {
        MockAuth auth = MockAuth.at("http://127.0.0.1:4711/", MockAuthSettings.defaults());

        WebArchive war = TokenRefreshDeployment.of(war("orders.war")).authBackend(auth)
                .config("tokenrefresh.login-url", "/login").config("orders.page-size", "5").build();

        Properties config = microProfileConfig(war);
        assertEquals("150", config.getProperty("config_ordinal"));
        assertEquals("http://127.0.0.1:4711/api/auth/refresh", config.getProperty("tokenrefresh.backend-url"));
        assertEquals("/login", config.getProperty("tokenrefresh.login-url"));
        assertEquals("5", config.getProperty("orders.page-size"), "the application's keys too");
        assertEquals(Map.of("orders.page-size", "5", "tokenrefresh.backend-url", "http://127.0.0.1:4711/api/auth/refresh",
                "tokenrefresh.login-url", "/login"), WarConfig.read(war));
        assertEquals(List.of(WarConfig.JAR_NAME), libraries(war), "no library asked for");
    }

    @Test
    void aMockInsideTheWarIsServedBelowItsPathAndCalledThroughTheServersOwnPort() throws IOException {
        MockAuthSettings settings = MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(10))
                .protocol(MockAuthSettings.Protocol.OAUTH2);

        WebArchive war = TokenRefreshDeployment.of(war("shop.war")).withMockAuth("/mock-auth", settings)
                .config("tokenrefresh.client-secret", "overridden").build();

        Properties config = microProfileConfig(war);
        assertEquals("http://127.0.0.1:${payara.instance.http.port}/shop/mock-auth/oauth2/token",
                config.getProperty("tokenrefresh.backend-url"));
        assertEquals("oauth2", config.getProperty("tokenrefresh.protocol"));
        assertEquals("overridden", config.getProperty("tokenrefresh.client-secret"), "config() wins over the kit");
        JavaArchive jar = war.getAsType(JavaArchive.class, "WEB-INF/lib/" + WarConfig.JAR_NAME);
        Properties mock = new Properties();
        try (InputStream in = jar.get(MockAuthInitializer.SETTINGS_RESOURCE).getAsset().openStream()) {
            mock.load(in);
        }
        assertEquals(Map.of("path", "/mock-auth", "access-ttl", "10s"), new TreeMap<>(mock));
        assertTrue(jar.contains("org/tokenrefresh/testing/internal/MockAuthInitializer.class"));
        assertTrue(jar.contains("META-INF/services/jakarta.servlet.ServletContainerInitializer"));
        assertTrue(libraries(war).stream().anyMatch(name -> name.startsWith("mock-auth-backend")), libraries(war).toString());
    }

    @Test
    void mistakesFailWhenTheDeploymentIsDescribed() {
        WebArchive packaged = war("orders.war").addAsLibrary(EmptyAsset.INSTANCE, "token-refresh-filter-0.1.0.jar");
        IllegalStateException second = assertThrows(IllegalStateException.class,
                () -> TokenRefreshDeployment.of(packaged).withLibrary(Library.MAVEN_JARS).build());
        assertTrue(second.getMessage().contains("already holds the library"), second.getMessage());

        TokenRefreshDeployment both = TokenRefreshDeployment.of(war("a.war")).authBackend(MockAuth.at("http://127.0.0.1:1"))
                .withMockAuth("/mock-auth", MockAuthSettings.defaults());
        assertThrows(IllegalStateException.class, both::build);

        assertThrows(IllegalArgumentException.class, () -> TokenRefreshDeployment.of(war("b.war")).withMockAuth("mock/", MockAuthSettings.defaults()));
        IllegalArgumentException settings = assertThrows(IllegalArgumentException.class, () -> TokenRefreshDeployment.of(war("c.war"))
                .withMockAuth("/mock-auth", MockAuthSettings.defaults().accessTokenLifetime(Duration.ZERO)));
        assertTrue(settings.getMessage().contains("access-ttl"), settings.getMessage());

        TokenRefreshDeployment once = TokenRefreshDeployment.of(war("d.war"));
        once.build();
        assertThrows(IllegalStateException.class, once::build);
    }

    @Test
    void theContextPathIsTheWarsNameAsArquillianDeploysIt() {
        assertEquals("/orders", TokenRefreshDeployment.contextPath(war("orders.war")));
        assertEquals("", TokenRefreshDeployment.contextPath(war("ROOT.war")));
    }

    @Test
    void aOneJarNamedByTheSystemPropertyMustExist() {
        String previous = System.getProperty(LibraryJars.ONE_JAR_PROPERTY);
        System.setProperty(LibraryJars.ONE_JAR_PROPERTY, "/no/such/token-refresh-filter-all.jar");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, LibraryJars::oneJar);
            assertTrue(e.getMessage().contains("/no/such/token-refresh-filter-all.jar is not a file"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(LibraryJars.ONE_JAR_PROPERTY);
            } else {
                System.setProperty(LibraryJars.ONE_JAR_PROPERTY, previous);
            }
        }
    }

    private static List<String> libraries(WebArchive war) {
        return war.getContent().keySet().stream().map(ArchivePath::get).filter(p -> p.startsWith("/WEB-INF/lib/"))
                .map(p -> p.substring("/WEB-INF/lib/".length())).sorted().collect(Collectors.toList());
    }

    private static Properties microProfileConfig(WebArchive war) throws IOException {
        Properties properties = new Properties();
        JavaArchive jar = war.getAsType(JavaArchive.class, "WEB-INF/lib/" + WarConfig.JAR_NAME);
        try (InputStream in = jar.get(WarConfig.MICROPROFILE_CONFIG).getAsset().openStream()) {
            properties.load(in);
        }
        return properties;
    }

    private static Set<String> entries(InputStream jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(jar)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
