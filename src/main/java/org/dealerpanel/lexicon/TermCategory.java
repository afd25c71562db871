package org.dealerpanel.lexicon;

/** Product categories of the contract (API.md, "Posts, images, OCR and coded terms"). */
public enum TermCategory {
    IVORY,
    RHINO_HORN,
    HAWKSBILL,
    HELMETED_HORNBILL,
    TIGER_BONE,
    SAIGA_HORN,
    PANGOLIN_SCALE,
    LEOPARD_BONE,
    WHALE,
    OTHER
}
