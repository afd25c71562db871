/**
 * Coded-term lexicon, text normalisation, term matching and contact-id extraction.
 * Pure Java (no CDI, no persistence) so the REST and OCR layers can call it directly.
 */
package org.dealerpanel.lexicon;
