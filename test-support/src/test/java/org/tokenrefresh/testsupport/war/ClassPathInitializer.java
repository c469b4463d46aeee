package org.tokenrefresh.testsupport.war;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** Registered on the test class path only (src/test/resources): a deployed WAR must not see it. */
public class ClassPathInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(ClassPathInitializer.class.getName(), "classpath-initializer");
    }
}
