package org.dealerpanel.activity;

public enum FlagType { STEPPED_UP, STEPPED_DOWN, REACTIVATED }
