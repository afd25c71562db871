package org.dealerpanel.contact.service;

/** A contact id as the API shows it: {@code kind} is wechat, qq, phone or url. */
public record ContactView(String kind, String value) {
}
