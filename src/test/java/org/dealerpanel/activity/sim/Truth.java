package org.dealerpanel.activity.sim;

/**
 * Planted truth of one flag on one account. AMBIGUOUS = the planted effect lies between "clearly
 * no step" and "clearly a detectable step" (see {@link PanelGenerator}); such cases are left out
 * of precision/recall and counted separately.
 */
public enum Truth { EXPECTED, NOT_EXPECTED, AMBIGUOUS }
