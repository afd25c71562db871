package org.dealerpanel.web.account;

/** One error of a page form: the field (named as the service names it) and what is wrong, in words. */
public record FormError(String field, String message) {
}
