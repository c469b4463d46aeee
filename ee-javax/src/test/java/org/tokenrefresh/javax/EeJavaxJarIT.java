package org.tokenrefresh.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.ClassFile;
import org.tokenrefresh.testsupport.JarContents;
import org.tokenrefresh.testsupport.JavaxJarChecks;
import org.w3c.dom.Element;

/**
 * The javax jar this module builds, {@code token-refresh-ee-javax}, against the {@code token-refresh-ee} jar it was
 * transformed from: no {@code jakarta} name left, {@code beans.xml} a CDI 2.0 descriptor, the CDI extension's service
 * file renamed, the same classes at the same class file versions, and every member it uses of Servlet 4.0, CDI 2.0,
 * EJB 3.2, JCache 1.1 and MicroProfile Config 2.0 / Health 3.1 / Metrics 3.0 (Payara 5.2022's) present there.
 */
class EeJavaxJarIT {

    private static final String EXTENSION_SERVICE = "META-INF/services/javax.enterprise.inject.spi.Extension";
    private static final String JAVA_EE_NAMESPACE = "http://xmlns.jcp.org/xml/ns/javaee";
    private static final int JAVA_11 = 55;

    private final JarContents javax = JarContents.read(Path.of(System.getProperty("javax.jar")));
    private final JarContents jakarta = JarContents.read(Path.of(System.getProperty("jakarta.jar")));

    @Test
    void noJakartaNameIsLeftInAnyClassOrResource() {
        assertEquals(List.of(), JavaxJarChecks.jakartaNames(javax));
    }

    @Test
    void theJarHoldsTheSameClassesAtTheSameJava11ClassFileVersionWithTheExtensionServiceRenamed() {
        assertEquals(List.of(), JavaxJarChecks.differences(jakarta, javax));
        Set<Integer> versions = javax.classes().stream().map(ClassFile::majorVersion).collect(Collectors.toSet());
        assertEquals(Set.of(JAVA_11), versions, "class file versions (55 is Java 11)");
    }

    @Test
    void beansXmlIsACdi20DescriptorThatStillDiscoversOnlyAnnotatedBeans() throws Exception {
        String text = javax.text("META-INF/beans.xml");
        assertNotNull(text, "beans.xml: " + javax.entries().keySet());
        Element beans = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(javax.entries().get("META-INF/beans.xml"))).getDocumentElement();
        assertEquals("beans", beans.getLocalName());
        assertEquals(JAVA_EE_NAMESPACE, beans.getNamespaceURI(), text);
        assertEquals("2.0", beans.getAttribute("version"), text);
        assertEquals("annotated", beans.getAttribute("bean-discovery-mode"), text);
        assertEquals(JAVA_EE_NAMESPACE + " " + JAVA_EE_NAMESPACE + "/beans_2_0.xsd",
                beans.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation"), text);
    }

    @Test
    void theCdiExtensionIsRegisteredUnderItsJavaxServiceName() {
        String service = javax.text(EXTENSION_SERVICE);
        assertNotNull(service, EXTENSION_SERVICE + ": " + javax.entries().keySet());
        List<String> extensions = service.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertFalse(extensions.isEmpty(), service);
        for (String extension : extensions) {
            byte[] classFile = javax.entries().get(extension.replace('.', '/') + ".class");
            assertNotNull(classFile, extension + " is in the jar");
            assertTrue(ClassFile.parse(classFile).classes().contains("javax/enterprise/inject/spi/Extension"), extension);
        }
    }

    @Test
    void everyJavaEe8AndMicroProfile4MemberTheClassesUseExistsInThoseApis() {
        // the test class path holds the versions Payara Micro 5.2022.5 ships (see pom.xml) and the JDK's javax.*
        assertEquals(Set.of(), ClassFile.missingFrom(javax.classes(),
                name -> name.startsWith("javax/") || name.startsWith("org/eclipse/microprofile/"), getClass().getClassLoader()));
    }
}
