package org.dealerpanel.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into RFC 9457 problem+json; never leaks a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /**
     * Attribute of an AuthenticationFailedException for a sign-in refused unchecked (too many failures): the seconds
     * until the next attempt may be checked. The API answers 429 with Retry-After; the form goes back to the sign-in page.
     */
    public static final String RETRY_AFTER_ATTRIBUTE = "org.dealerpanel.retry-after-seconds";

    public static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return problem(e.toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        Object retryAfter = e.getAttribute(RETRY_AFTER_ATTRIBUTE);
        if (retryAfter != null) {
            return throttled(retryAfter.toString(), request);
        }
        return unauthenticated(request);
    }

    private static Response throttled(String retryAfter, HttpServerRequest request) {
        if (request != null && !request.path().startsWith("/api/")) {
            return Response.seeOther(java.net.URI.create("/login?error=throttled"))
                    .header(HttpHeaders.RETRY_AFTER, retryAfter).build();
        }
        return Response.status(429).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .entity(Problem.of(429, "Too Many Requests",
                        "Too many failed sign-ins: try again in " + retryAfter + " s"))
                .build();
    }

    /** The API challenges for HTTP Basic; a page sends the browser to the sign-in form, remembering where it was. */
    private static Response unauthenticated(HttpServerRequest request) {
        if (request != null && request.path().equals("/j_security_check")) {
            return Response.seeOther(java.net.URI.create("/login?error=1")).build();
        }
        if (request != null && !request.path().startsWith("/api/") && request.method() != io.vertx.core.http.HttpMethod.GET) {
            return Response.seeOther(java.net.URI.create("/login")).build();
        }
        if (request != null && !request.path().startsWith("/api/")) {
            return Response.seeOther(java.net.URI.create("/login"))
                    .cookie(new jakarta.ws.rs.core.NewCookie.Builder("quarkus-redirect-location").value(request.uri())
                            .path("/").httpOnly(true).sameSite(jakarta.ws.rs.core.NewCookie.SameSite.LAX).build())
                    .build();
        }
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tracker\", charset=\"UTF-8\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", "Sign in: HTTP Basic credentials are required"))
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return problem(Problem.of(403, "Forbidden", "Your role may not do this"));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.field(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return problem(new Problem("about:blank", "Bad Request", 400, detail, errors, null));
    }

    /** "create.arg0.handle" -> "handle": the client knows fields, not method parameters. */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY, CONTAINER_ELEMENT -> names.add(node.getName());
                default -> { }
            }
        }
        names.removeIf(n -> n == null || n.startsWith("<"));
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    // Quarkus REST ships mappers for these subclasses; naming them here makes ours win.
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        String field = null;
        String message;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        if (e instanceof TextInputException text) {
            field = text.field() != null ? text.field() : field;
            message = text.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = unknown.getPropertyName();
            message = "unknown field";
        } else if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            if (target != null && target.isEnum()) {
                message = "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
            } else if (target != null && java.time.temporal.Temporal.class.isAssignableFrom(target)) {
                message = "must be an ISO-8601 " + (target == java.time.LocalDate.class ? "date (yyyy-mm-dd)" : "instant");
            } else {
                message = "has the wrong type or format" + (target != null ? " (expected " + target.getSimpleName() + ")" : "");
            }
        } else if (e instanceof JsonMappingException && field != null) {
            message = "has the wrong type or format";
        } else {
            message = "malformed JSON: " + e.getOriginalMessage();
        }
        String name = field == null ? "body" : field;
        return problem(new Problem("about:blank", "Bad Request", 400, name + ": " + message,
                List.of(FieldError.field(name, message)), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json); // Quarkus REST wraps some Jackson failures (malformed JSON) in a bare 400
        }
        if (status >= 500) {
            return serverFault(e, null);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? type.getReasonPhrase() : e.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, type.getReasonPhrase(), detail));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @jakarta.inject.Inject
    DatabaseGate gate;

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Response unavailable = databaseUnavailable(e, request);
        if (unavailable != null) {
            gate.suspect(e); // checks at once; if the database is really gone, later requests are refused at the door
            return unavailable;
        }
        Response input = inputFailure(e, request);
        return input != null ? input : serverFault(e, request);
    }

    /**
     * The database cannot be reached (SQLState class 08, 57P01-57P03, a refused connection, or no connection to be had
     * from the pool; {@link DatabaseGate#isConnectionFailure}): a 503 with Retry-After, not a 500. Nothing was written;
     * the pool reconnects by itself once PostgreSQL is back.
     */
    static Response databaseUnavailable(Throwable e, HttpServerRequest request) {
        if (!DatabaseGate.isConnectionFailure(e)) {
            return null;
        }
        SQLException sql = Causes.find(e, SQLException.class);
        LOG.warnf("Database unavailable%s: %s", where(request), firstLine(String.valueOf(sql != null ? sql.getMessage() : e.getMessage())));
        return Response.status(503).header("Retry-After", DatabaseGate.RETRY_AFTER_SECONDS).type(Problem.MEDIA_TYPE)
                .entity(DatabaseGate.unavailableProblem()).build();
    }

    /**
     * A fault of the service: 500 with a fresh id in the problem ({@code instance: urn:uuid:…}) and in the log line,
     * so that a user's report can be matched with the stack trace. Nothing of the exception reaches the client.
     */
    public static Response serverFault(Throwable e, HttpServerRequest request) {
        UUID id = UUID.randomUUID();
        LOG.errorf(e, "Server error %s%s", id, where(request));
        return problem(new Problem("about:blank", "Server Error", 500,
                "The service failed; please report error " + id + " to the administrator", "urn:uuid:" + id, null, null));
    }

    /**
     * Failures caused by what the client sent rather than by the service: a body that could not be read (broken
     * multipart, unknown charset, a client that went away) is a 400; a value PostgreSQL refuses (SQLState class 22, data
     * exception) is a 400 and a constraint it violates (class 23) a 409 for a duplicate or a dangling reference, else a
     * 400. Null when the failure is the service's own.
     */
    static Response inputFailure(Throwable e, HttpServerRequest request) {
        SQLException sql = Causes.find(e, SQLException.class);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
            String state = sql.getSQLState();
            if (state.startsWith("22")) {
                LOG.warnf("Refused a value the database cannot take (SQLState %s)%s: %s", state, where(request),
                        firstLine(sql.getMessage()));
                return problem(new Problem("about:blank", "Bad Request", 400,
                        "A value in the request cannot be stored or compared (SQLState " + state + ")",
                        List.of(FieldError.field("body", "a value the database cannot take")), null));
            }
            if (state.startsWith("23")) {
                LOG.warnf("Refused a write that breaks a database constraint (SQLState %s)%s: %s", state, where(request),
                        firstLine(sql.getMessage()));
                boolean conflict = state.equals("23505") || state.equals("23503") || state.equals("23P01");
                return problem(Problem.of(conflict ? 409 : 400, conflict ? "Conflict" : "Bad Request", conflict
                        ? "The request conflicts with existing data (SQLState " + state + ")"
                        : "A value in the request breaks a rule of the data (SQLState " + state + ")"));
            }
        }
        if (unreadableRequest(e)) {
            Throwable io = Causes.find(e, IOException.class);
            String reason = io != null && io.getMessage() != null ? io.getMessage() : e.getClass().getSimpleName();
            LOG.debugf("Unreadable request%s: %s", where(request), reason);
            return problem(new Problem("about:blank", "Bad Request", 400, "The request body could not be read: "
                    + firstLine(reason), List.of(FieldError.field("body", "could not be read")), null));
        }
        return null;
    }

    /** An I/O failure while the request was being received or parsed (not one of the service's own files). */
    private static boolean unreadableRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof EOFException) {
                return true;
            }
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length > 0 && trace[0].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.")) {
                return true; // thrown by the multipart parser itself: a malformed body (MalformedMessageException)
            }
            boolean io = t instanceof IOException || t instanceof UncheckedIOException
                    || t.getClass().getName().equals("io.vertx.core.VertxException")
                    || t.getClass().getName().equals("io.netty.channel.StacklessClosedChannelException");
            if (!io) {
                continue;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                String c = frame.getClassName();
                if (c.startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                        || c.startsWith("org.jboss.resteasy.reactive.server.handlers.")
                        || c.startsWith("org.jboss.resteasy.reactive.server.vertx.")
                        || c.startsWith("io.quarkus.vertx.http.") || c.startsWith("io.vertx.") || c.startsWith("io.netty.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String where(HttpServerRequest request) {
        return request == null ? "" : " on " + request.method() + " " + request.path();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
