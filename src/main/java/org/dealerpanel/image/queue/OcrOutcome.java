package org.dealerpanel.image.queue;

import java.util.List;
import org.dealerpanel.contact.service.ContactService.ImageContact;
import org.dealerpanel.term.service.TermMatchStore.EngineMatch;

/**
 * What one OCR run of an image produced, ready to store; {@code lexiconVersion} is the version of the matcher that
 * found {@code matches}.
 */
public record OcrOutcome(String text, String detailJson, List<EngineMatch> matches, List<ImageContact> contacts, long millis,
                         int lexiconVersion) {
}
