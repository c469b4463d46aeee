package org.tokenrefresh.testsupport.war;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** Packed in a jar of the test WAR's WEB-INF/lib with its services entry, as a library's initializer is. */
public class WarInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(WarInitializer.class.getName(), "war-initializer");
    }
}
