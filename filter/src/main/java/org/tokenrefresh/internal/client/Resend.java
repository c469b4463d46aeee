package org.tokenrefresh.internal.client;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;
import org.tokenrefresh.spi.TokenPair;

/**
 * The one resend after a 401: the same method, URI, headers, properties and entity, through the same client,
 * with the new token; and the copy of its response into the first one, so that the caller sees a single
 * response.
 */
final class Resend {

    /** Headers not copied: the new token replaces the old, the entity carries its type, the connector sets the rest. */
    private static final Set<String> NOT_COPIED = Set.of("authorization", "content-type", "content-length",
            "transfer-encoding", "host", "connection");
    /** JAX-RS 3.1; looked up by name so that a JAX-RS 3.0 runtime still loads this class. */
    private static final String ENTITY_PART = "jakarta.ws.rs.core.EntityPart";

    private Resend() {
    }

    static String bearer(TokenPair tokens) {
        return "Bearer " + tokens.accessToken();
    }

    /** Method and URI without user info, query or fragment (they may hold secrets), for logs. */
    static String describe(ClientRequestContext request) {
        URI uri = request.getUri();
        return request.getMethod() + " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * Whether an entity can be written a second time with the same content: not a stream, reader, channel,
     * {@link StreamingOutput}, publisher, iterator or multipart {@code EntityPart} (their content is read
     * once), nor a collection holding one.
     */
    static boolean isRepeatable(Object entity) {
        if (entity == null) {
            return true;
        }
        if (entity instanceof InputStream || entity instanceof Reader || entity instanceof StreamingOutput
                || entity instanceof ReadableByteChannel || entity instanceof BaseStream || entity instanceof Iterator
                || entity instanceof Flow.Publisher || isA(entity.getClass(), ENTITY_PART)) {
            return false;
        }
        if (entity instanceof Collection) {
            for (Object element : (Collection<?>) entity) {
                if (!isRepeatable(element)) {
                    return false;
                }
            }
        }
        // anything else (String, byte[], Form, File, Path, a POJO or JSON tree) is written again from the same object
        return true;
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> implemented : c.getInterfaces()) {
                if (isA(implemented, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The feature's class, named rather than referenced: the internals do not depend on the API package. */
    private static final String FEATURE = "org.tokenrefresh.TokenRefreshClientFeature";

    /** Whether the client itself (not only the caller's WebTarget) has the feature, by class or by instance. */
    private static boolean featureOnClient(jakarta.ws.rs.core.Configuration configuration) {
        for (Class<?> type : configuration.getClasses()) {
            if (type.getName().equals(FEATURE)) {
                return true;
            }
        }
        for (Object instance : configuration.getInstances()) {
            if (instance.getClass().getName().equals(FEATURE)) {
                return true;
            }
        }
        return false;
    }

    /** Sends the call again with the given tokens, marked so that it is neither refreshed nor resent again. */
    static Response send(ClientRequestContext request, TokenPair tokens) {
        // A new call of the same client: its providers and features apply as to any call. Providers registered
        // only on the caller's WebTarget are not known here; the headers they set are carried over below.
        Client client = request.getClient();
        WebTarget target = client.target(request.getUri());
        if (!featureOnClient(client.getConfiguration())) {
            target = target.register(new ResendHeadersFilter(), ResendHeadersFilter.PRIORITY); // feature on the WebTarget
        }
        Invocation.Builder builder = target.request();
        for (String name : request.getPropertyNames()) {
            if (!OutboundCall.PROPERTY.equals(name)) {
                builder.property(name, request.getProperty(name));
            }
        }
        Mark mark = new Mark(request.getStringHeaders(), bearer(tokens));
        builder.property(OutboundCall.RESENT_PROPERTY, mark);
        for (Map.Entry<String, List<String>> header : mark.headers.entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.header(HttpHeaders.AUTHORIZATION, mark.authorization);
        return request.hasEntity() ? builder.method(request.getMethod(), entity(request)) : builder.method(request.getMethod());
    }

    /**
     * The resend's headers: exactly those the first call went out with (as text), with the new token.
     * {@link ResendHeadersFilter} puts them back after the other request filters ran again, so that a filter
     * that adds a header does not add it twice.
     */
    static final class Mark {
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final String authorization;

        Mark(MultivaluedMap<String, String> sent, String authorization) {
            for (Map.Entry<String, List<String>> header : sent.entrySet()) {
                if (!NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.put(header.getKey(), new ArrayList<>(header.getValue()));
                }
            }
            this.authorization = authorization;
        }

        /** Replaces the copied headers of the resend by the first call's; leaves those the entity and connector set. */
        void restore(MultivaluedMap<String, Object> current) {
            current.keySet().removeIf(name -> !NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)));
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                current.put(header.getKey(), new ArrayList<Object>(header.getValue()));
            }
            current.putSingle(HttpHeaders.AUTHORIZATION, authorization);
        }
    }

    private static Entity<?> entity(ClientRequestContext request) {
        Object entity = request.getEntity();
        Type type = request.getEntityType();
        Object body = type != null && !type.equals(entity.getClass()) ? new GenericEntity<Object>(entity, type) : entity;
        MediaType mediaType = request.getMediaType() != null ? request.getMediaType() : MediaType.APPLICATION_OCTET_STREAM_TYPE;
        return Entity.entity(body, mediaType, request.getEntityAnnotations());
    }

    /** Makes {@code response} the second response: status, headers and entity; the first entity is closed. */
    static void copyInto(Response second, ClientResponseContext response) throws IOException {
        response.setStatusInfo(second.getStatusInfo());
        MultivaluedMap<String, String> headers = response.getHeaders();
        headers.clear();
        for (Map.Entry<String, List<String>> header : second.getStringHeaders().entrySet()) {
            headers.addAll(header.getKey(), header.getValue());
        }
        InputStream first = response.getEntityStream();
        if (second.hasEntity()) {
            response.setEntityStream(second.readEntity(InputStream.class)); // closed when the caller closes the response
        } else {
            response.setEntityStream(new ByteArrayInputStream(new byte[0]));
            second.close();
        }
        if (first != null) {
            try {
                first.close();
            } catch (IOException e) {
                // the first answer is discarded; a failure to release it changes nothing for the caller
            }
        }
    }
}
