package org.dealerpanel.activity;

public enum ActivityStatus { ACTIVE, DORMANT, CEASED, UNKNOWN }
