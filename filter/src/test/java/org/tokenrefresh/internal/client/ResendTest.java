package org.tokenrefresh.internal.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which entities the one resend after a 401 may write a second time. */
class ResendTest {

    @Test
    void bufferedEntitiesAreRepeatable() {
        assertTrue(Resend.isRepeatable(null));
        assertTrue(Resend.isRepeatable("order=42"));
        assertTrue(Resend.isRepeatable(new byte[] {1, 2}));
        assertTrue(Resend.isRepeatable(new Form("a", "b")));
        assertTrue(Resend.isRepeatable(new File("order.json")));
        assertTrue(Resend.isRepeatable(Path.of("order.json")), "a Path is an Iterable, and repeatable");
        assertTrue(Resend.isRepeatable(Map.of("id", 42)), "a POJO or map is serialized again");
        assertTrue(Resend.isRepeatable(List.of("a", "b")));
    }

    @Test
    void streamingEntitiesAreNotRepeatable() {
        InputStream stream = new ByteArrayInputStream(new byte[] {1});
        assertFalse(Resend.isRepeatable(stream));
        assertFalse(Resend.isRepeatable(new StringReader("x")));
        assertFalse(Resend.isRepeatable((StreamingOutput) out -> out.write(1)));
        assertFalse(Resend.isRepeatable(Channels.newChannel(stream)));
        assertFalse(Resend.isRepeatable(Stream.of("a")));
        assertFalse(Resend.isRepeatable(List.of("a").iterator()));
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
            assertFalse(Resend.isRepeatable(publisher));
        }
    }

    @Test
    void multipartWithStreamedPartsIsNotRepeatable() {
        assertFalse(Resend.isRepeatable(new FakeEntityPart()));
        assertFalse(Resend.isRepeatable(List.of(new FakeEntityPart())));
        assertFalse(Resend.isRepeatable(List.of("a", new ByteArrayInputStream(new byte[0]))));
    }

    /** A multipart part: its content is an input stream, read once. */
    private static final class FakeEntityPart implements EntityPart {
        @Override
        public String getName() {
            return "file";
        }

        @Override
        public Optional<String> getFileName() {
            return Optional.empty();
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public <T> T getContent(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T getContent(GenericType<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultivaluedMap<String, String> getHeaders() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
