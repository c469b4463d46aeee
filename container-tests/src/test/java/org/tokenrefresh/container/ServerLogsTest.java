package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as the matrix's servers wrote them (shortened). */
class ServerLogsTest {

    @Test
    void findsWarningsAboutTheLibraryInEachServersFormat() {
        String wildFly = "\u001B[0m\u001B[33m04:48:49,139 WARN  [org.jboss.modules.define] (Weld Thread Pool -- 1) Failed to define"
                + " class org.tokenrefresh.ee.internal.health.TokenRefreshReadiness";
        String liberty = "[11/29/26, 4:44:52:606 UTC] 00000023 com.ibm.wsspi.injectionengine.MethodMap       W CWNEN0049W:"
                + " Resource annotations on the methods of the org.tokenrefresh.ee.internal.metrics.TokenRefreshMetrics class";
        String payara = "[2026-11-29T04:45:31.527+0000] [] [\u001B[1;93mWARNING\u001B[0m] [] [\u001B[1;94morg.tokenrefresh.engine"
                + ".RefreshEngine\u001B[0m] Refresh of session 5cc9609defc6 refused";
        String julLogger = "Nov 29, 2026 4:41:59 AM org.tokenrefresh.internal.engine.RefreshEngine callBackend";
        String julLevel = "WARNING: Refresh of session 0aafbc95a62b refused";
        List<String> found = ServerLogs.libraryWarnings(String.join("\n", wildFly, liberty, payara, julLogger, julLevel));
        assertEquals(4, found.size(), found.toString());
        assertEquals(julLogger + " " + julLevel, found.get(3));
    }

    @Test
    void ignoresInformationAndOtherComponentsWarnings() {
        String weldInfo = "04:42:42,553 INFO  [org.jboss.weld.Bootstrap] WELD-000119: Not generating any bean definitions from"
                + " org.tokenrefresh.ee.internal.metrics.TokenRefreshMetrics because of underlying class loading error";
        String libertyInfo = "[11/29/26, 4:44:55:022 UTC] 00000027 org.tokenrefresh.ee.internal.EeIntegrationPlugin      I Token"
                + " refresh EE integration for /matrix: CDI events, background monitor every 1 s";
        String otherWarning = "04:42:35,303 WARN  [org.jboss.as.txn] WFLYTX0013: The node-identifier attribute";
        String julInfoThenOtherWarning = "Nov 29, 2026 4:41:57 AM org.tokenrefresh.TokenRefreshFilter init\nINFO: Token refresh active"
                + "\nNov 29, 2026 4:41:58 AM org.apache.catalina.Other run\nWARNING: something else";
        assertEquals(List.of(), ServerLogs.libraryWarnings(String.join("\n", weldInfo, libertyInfo, otherWarning,
                julInfoThenOtherWarning)));
    }

    @Test
    void readsRecordsInTheRecordFormatWithTheLinesThatFollowThem() {
        String log = String.join("\n", "Using CATALINA_BASE:   /tmp/base",
                "2026-11-29T05:54:37.123 INFO [org.apache.catalina.startup.Catalina] Server startup in [812] milliseconds",
                "2026-11-29T05:54:38.001 FINE [org.tokenrefresh.internal.engine.RefreshEngine] Refreshed session 3f2a9c01b4de",
                "2026-11-29T05:54:38.002 WARNING [org.tokenrefresh.internal.hc.client5.http.impl.classic.InternalHttpClient] failed",
                "java.io.IOException: boom",
                "\tat Foo.bar(Foo.java:1)");
        List<ServerLogs.Entry> records = ServerLogs.records(log);
        assertEquals(List.of(new ServerLogs.Entry("", "", "Using CATALINA_BASE:   /tmp/base"),
                new ServerLogs.Entry("INFO", "org.apache.catalina.startup.Catalina", "Server startup in [812] milliseconds"),
                new ServerLogs.Entry("FINE", "org.tokenrefresh.internal.engine.RefreshEngine", "Refreshed session 3f2a9c01b4de"),
                new ServerLogs.Entry("WARNING", "org.tokenrefresh.internal.hc.client5.http.impl.classic.InternalHttpClient",
                        "failed\njava.io.IOException: boom\n\tat Foo.bar(Foo.java:1)")), records);
    }

    @Test
    void recordFormatIsWhatRecordsReads() {
        java.util.logging.LogRecord record = new java.util.logging.LogRecord(java.util.logging.Level.FINER, "no token here");
        record.setLoggerName("org.tokenrefresh.X");
        String formatted = String.format(java.util.Locale.ROOT, ServerLogs.RECORD_FORMAT, java.time.ZonedDateTime.now(), "source",
                record.getLoggerName(), record.getLevel().getName(), record.getMessage(), "");
        assertEquals(List.of(new ServerLogs.Entry("FINER", "org.tokenrefresh.X", "no token here")), ServerLogs.records(formatted));
    }
}
