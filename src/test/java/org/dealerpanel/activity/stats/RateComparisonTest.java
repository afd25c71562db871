package org.dealerpanel.activity.stats;

import static org.dealerpanel.activity.stats.QuasiPoissonRateTestTest.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paired cohort comparison vs R 4.2.2 (src/test/r/quasipoisson-reference.R, dataset D):
 * <pre>
 * acc &lt;- data.frame(b=c(120,40,300,15,80,220,60,5), bd=c(84,80,84,60,84,70,84,40),
 *                   f=c(150,30,420,30,85,260,90,12), fd=c(28,25,28,20,28,28,27,14))
 * y &lt;- c(acc$b, acc$f); d &lt;- c(acc$bd, acc$fd); a &lt;- factor(rep(1:nrow(acc), 2))
 * per &lt;- factor(rep(c("b","f"), each=nrow(acc)))
 * g &lt;- glm(y ~ a + per + offset(log(d)), family=quasipoisson,
 *          control=glm.control(epsilon=1e-14, maxit=100)); co &lt;- coef(summary(g))["perf",]
 * # coef=1.30673754804367 se=0.0754581354400058 df=7 disp=2.6825836706043 p=5.26279342368539e-07
 * # ratio=3.69410220060267 lo=3.09042125779846 hi=4.41570579870357   (exp(coef -/+ qt(.975,7)*se))
 * </pre>
 */
class RateComparisonTest {

    @Test
    void matchesRFixedEffectsQuasiPoisson() {
        long[] b = {120, 40, 300, 15, 80, 220, 60, 5};
        int[] bd = {84, 80, 84, 60, 84, 70, 84, 40};
        long[] f = {150, 30, 420, 30, 85, 260, 90, 12};
        int[] fd = {28, 25, 28, 20, 28, 28, 27, 14};
        List<PairedCounts> in = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            in.add(new PairedCounts("a" + i, b[i], bd[i], f[i], fd[i]));
        }
        in.add(new PairedCounts("silent", 0, 84, 0, 28)); // no information: excluded
        RateComparison r = RateComparison.compare(in);
        assertEquals(8, r.accountsUsed());
        assertEquals(1, r.accountsExcluded());
        assertEquals(7, r.df());
        rel(1.30673754804367, Math.log(r.ratio()));
        rel(3.69410220060267, r.ratio());
        rel(0.0754581354400058, r.se());
        rel(2.6825836706043, r.dispersion());
        rel(5.26279342368539e-07, r.pValue());
        rel(3.09042125779846, r.ciLow());
        rel(4.41570579870357, r.ciHigh());
    }

    @Test
    void equalExposureGivesThePooledRatio() {
        // the seed's survivors: 27 accounts, 115 -> 135 posts a day in total
        List<PairedCounts> in = new ArrayList<>();
        long totalB = 0, totalF = 0;
        for (int i = 0; i < 27; i++) {
            long pb = 2 + (i * 7) % 5;          // posts per day in baseline, varies by account
            long pf = pb + ((i % 3) - 1 + (i < 20 ? 1 : 0));
            totalB += pb;
            totalF += pf;
            in.add(new PairedCounts("a" + i, pb * 84, 84, pf * 28, 28));
        }
        RateComparison r = RateComparison.compare(in);
        double pooled = ((double) totalF) / totalB;
        assertEquals(pooled, r.pooledRatio(), 1e-12);
        assertEquals(pooled, r.ratio(), 1e-10);
        assertTrue(r.ciLow() < r.ratio() && r.ratio() < r.ciHigh());
    }

    @Test
    void tooFewAccountsGiveNoTest() {
        RateComparison r = RateComparison.compare(List.of(new PairedCounts("x", 10, 10, 20, 10)));
        assertEquals(2.0, r.ratio(), 1e-12);
        assertTrue(Double.isNaN(r.pValue()));
    }
}
