package org.dealerpanel.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses query and path parameters ourselves so a bad value is a 400 that names the parameter. */
public final class Params {
    private Params() {
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(name, "must be an ISO-8601 date (yyyy-mm-dd), got '" + value + "'");
        }
    }

    public static LocalDate requiredDate(String name, String value) {
        LocalDate date = date(name, value);
        if (date == null) {
            throw ApiException.badField(name, "is required");
        }
        return date;
    }

    public static int intInRange(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiException.badField(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "must be a whole number, got '" + value + "'");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** {@code true} or {@code false}; absent or blank is false; anything else is a 400 naming the parameter. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badField(name, "must be true or false");
        };
    }
}
