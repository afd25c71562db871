package org.dealerpanel.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that breaks {@link TextInput}'s rule. A mapping exception, so Jackson adds the path of the property
 * (e.g. {@code cohorts[1]}) as it unwinds, and the problem names the field; a mismatched-input one, so Quarkus REST
 * passes it on to {@link ProblemMappers} as it is.
 */
public class TextInputException extends MismatchedInputException {
    private final String field;

    public TextInputException(JsonParser parser, String field, String message) {
        super(parser, message, String.class);
        this.field = field;
    }

    /** The field as found in a JSON tree, or null when Jackson's path names it. */
    public String field() {
        return field;
    }
}
