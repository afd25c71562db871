/**
 * Simulated panels with planted regimes and confounders ({@link org.dealerpanel.activity.sim.PanelGenerator})
 * and their evaluation ({@link org.dealerpanel.activity.sim.PanelEvaluation}).
 */
package org.dealerpanel.activity.sim;
