package org.dealerpanel.account.service;

public enum ActivityStatus {
    ACTIVE, DORMANT, CEASED, UNKNOWN
}
