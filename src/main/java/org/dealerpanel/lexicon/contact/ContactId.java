package org.dealerpanel.lexicon.contact;

import java.util.Objects;

/**
 * A contact id found in a text.
 *
 * @param kind  wechat, qq, phone or url
 * @param value canonical value: lower-case WeChat id (OCR spaces removed); digits only for QQ;
 *              the 11-digit national number for phones (no +86); URLs as written, minus trailing
 *              punctuation
 * @param start start (inclusive) of the id itself (not its prefix) in the ORIGINAL text, UTF-16
 * @param end   end (exclusive) in the ORIGINAL text
 */
public record ContactId(ContactKind kind, String value, int start, int end) {
    public ContactId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
