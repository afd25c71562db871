/** Over-dispersion-aware rate tests (quasi-Poisson) used by the trend flags and the cohort report. */
package org.dealerpanel.activity.stats;
