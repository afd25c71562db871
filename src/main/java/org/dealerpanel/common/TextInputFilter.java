package org.dealerpanel.common;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * {@link TextInput}'s rule for the text of an API request that is not JSON: every path parameter and every query
 * parameter (declared or not), decoded strictly, before any resource runs; and, once a form is read, every multipart or
 * form field, field name and file name. JSON strings are checked as they are read ({@link TextInputModule}), CSV fields
 * by the import.
 */
public class TextInputFilter {
    /** File names of uploads: long enough for any real one. */
    static final TextInput.Rule FILE_NAME = TextInput.Rule.line(255);

    @ServerRequestFilter(priority = 100)
    public void pathAndQuery(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        if (!isApi(routing)) {
            return;
        }
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        MultivaluedMap<String, String> raw = request.getAllPathParameters(true);
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            for (String value : parameter.getValue()) {
                String decoded;
                try {
                    decoded = TextInput.decode(value, false);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badField(parameter.getKey(), e.getMessage());
                }
                TextInput.check(parameter.getKey(), decoded, TextInput.Rule.line(TextInput.PATH_MAX));
            }
        }
        for (Map.Entry<String, String> parameter : TextInput.queryParameters(routing.request().query())) {
            TextInput.check(parameter.getKey(), parameter.getValue(), TextInput.Rule.line(TextInput.QUERY_MAX));
        }
    }

    @ServerRequestFilter(priority = 110)
    @WithFormRead
    public void formFields(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        if (!isApi(routing)) {
            return;
        }
        FormData form = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
        if (form == null) {
            return;
        }
        for (String name : form) {
            TextInput.check("form field name", name, TextInput.Rule.line(100));
            Deque<FormValue> values = form.get(name);
            if (values == null) {
                continue;
            }
            for (FormValue value : values) {
                if (value.getFileName() != null) {
                    TextInput.check(name + " (file name)", value.getFileName(), FILE_NAME);
                }
                if (!value.isFileItem() && value.getFileName() == null) {
                    TextInput.check(name, value.getValue());
                }
            }
        }
    }

    private static boolean isApi(RoutingContext routing) {
        return routing.request().path().startsWith("/api/");
    }
}
