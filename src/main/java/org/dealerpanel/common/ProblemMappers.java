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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into RFC 9457 problem+json; never leaks a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        return unauthenticated(request);
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
        if (status >= 500) {
            LOG.error("Server error", e);
            return problem(Problem.of(status, "Server Error", "The service failed; the error was logged"));
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

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return problem(Problem.of(500, "Server Error", "The service failed; the error was logged"));
    }
}
