package org.dealerpanel.activity.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checks the closed-form quasi-Poisson test against R 4.2.2 (Debian r-base-core).
 * Script: src/test/r/quasipoisson-reference.R, output: src/test/r/quasipoisson-reference.out.
 * For each dataset:
 * <pre>
 *   y &lt;- c(b, r); w &lt;- factor(c(rep("base",length(b)), rep("recent",length(r))), levels=c("base","recent"))
 *   f &lt;- glm(y ~ w, family=quasipoisson, control=glm.control(epsilon=1e-14, maxit=100)); s &lt;- summary(f)
 *   co &lt;- coef(s)["wrecent",]; df &lt;- f$df.residual
 *   pt(co[3], df, lower.tail=FALSE)                      # one-sided p (up)
 *   exp(co[1] + c(-1,1) * qt(.975, df) * co[2])          # 95% CI of the ratio
 * </pre>
 */
class QuasiPoissonRateTestTest {

    static void rel(double expected, double actual) {
        // R values are printed with 15 significant digits from a GLM converged to epsilon 1e-14
        assertEquals(expected, actual, 1e-6 * Math.abs(expected), () -> "expected " + expected);
    }

    // set.seed(4); b <- rnbinom(30, size=1.5, mu=3); r <- rnbinom(20, size=1.5, mu=6)
    static final int[] A_BASE = {1, 1, 2, 1, 6, 13, 10, 2, 6, 2, 1, 8, 1, 4, 0, 3, 7, 3, 1,
        3, 3, 3, 2, 3, 4, 6, 2, 14, 0, 1};
    static final int[] A_RECENT = {13, 1, 4, 6, 7, 5, 1, 2, 8, 2, 15, 0, 7, 7, 1, 7, 2, 1, 11, 5};

    @Test
    void overDispersedIncreaseMatchesR() {
        // R: coef=0.332037639553347 se=0.25071806818839 t=1.32434667334727 df=48
        //    disp=3.42123191459697 pUp=0.0958297461639777 lo=0.841924595565153 hi=2.3074432694772
        RateTestResult r = QuasiPoissonRateTest.test(A_BASE, A_RECENT);
        rel(0.332037639553347, r.logRatio());
        rel(0.25071806818839, r.se());
        rel(1.32434667334727, r.t());
        assertEquals(48, r.df());
        rel(3.42123191459697, r.dispersionRaw());
        rel(3.42123191459697, r.dispersion());
        rel(0.0958297461639777, r.pUp());
        rel(0.841924595565153, r.ciLow());
        rel(2.3074432694772, r.ciHigh());
        rel(Math.exp(0.332037639553347), r.ratio());
        assertFalse(r.corrected());
        // a plain Poisson test would have called this "significant" at 0.05; quasi-Poisson does not
        double poissonZ = r.logRatio() / Math.sqrt(1.0 / r.x1() + 1.0 / r.x2());
        assertTrue(poissonZ > 2.3, "Poisson z " + poissonZ);
    }

    // set.seed(11); b <- rnbinom(40, size=3, mu=8); r <- rnbinom(16, size=3, mu=4)
    @Test
    void overDispersedDecreaseMatchesR() {
        int[] b = {1, 11, 4, 13, 8, 12, 4, 11, 10, 5, 8, 10, 6, 5, 9, 8, 0, 8,
            5, 8, 5, 9, 3, 5, 9, 0, 13, 9, 4, 11, 6, 11, 3, 11, 3, 3, 19, 3, 3, 9};
        int[] r = {3, 4, 4, 5, 1, 5, 4, 1, 2, 10, 9, 9, 5, 2, 3, 1};
        // R: coef=-0.516690743218388 se=0.200827915833976 t=-2.57280339275908 df=54
        //    disp=2.21425296887854 pDown=0.00643457720486376 lo=0.398787545164235 hi=0.892208870309965
        RateTestResult t = QuasiPoissonRateTest.test(b, r);
        rel(-0.516690743218388, t.logRatio());
        rel(0.200827915833976, t.se());
        rel(-2.57280339275908, t.t());
        assertEquals(54, t.df());
        rel(2.21425296887854, t.dispersion());
        rel(0.00643457720486376, t.pDown());
        rel(1 - 0.00643457720486376, t.pUp());
        rel(0.398787545164235, t.ciLow());
        rel(0.892208870309965, t.ciHigh());
    }

    @Test
    void underDispersionIsFlooredAtPoisson() {
        int[] b = {2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3};
        int[] r = {4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4};
        // R: quasipoisson coef=0.538996500732687 disp=0.0809523819466852 (glm's IRLS; exact 0.08095238...)
        //    poisson se=0.204124144164747; pt(coef/se, 28, lower.tail=FALSE)=0.00669124512609734
        //    exp(coef -/+ qt(.975,28)*se) = 1.12847498000743, 2.60420085714681
        RateTestResult t = QuasiPoissonRateTest.test(b, r);
        rel(0.538996500732687, t.logRatio());
        assertEquals(0.0809523819466852, t.dispersionRaw(), 1e-7);
        assertEquals(1.0, t.dispersion());
        rel(0.204124144164747, t.se());
        rel(0.00669124512609734, t.pUp());
        rel(1.12847498000743, t.ciLow());
        rel(2.60420085714681, t.ciHigh());
    }

    @Test
    void zeroBaselineUsesContinuityCorrection() {
        int[] b = new int[20];
        int[] r = {0, 0, 3, 4, 2, 5, 3, 2, 4, 3, 0, 2, 3, 4};
        RateTestResult t = QuasiPoissonRateTest.test(b, r);
        assertTrue(Double.isInfinite(t.ratio()));
        assertTrue(t.corrected());
        double x2 = 35;
        assertEquals(x2, t.x2());
        assertEquals(Math.log(((x2 + 0.5) / 14) / (0.5 / 20)), t.logRatio(), 1e-12);
        assertTrue(Double.isFinite(t.ciLow()) && Double.isFinite(t.ciHigh()) && t.ciLow() > 1);
        assertTrue(t.pUp() < 0.01, "p " + t.pUp());
    }

    @Test
    void bothZeroIsDegenerate() {
        RateTestResult t = QuasiPoissonRateTest.test(new int[20], new int[15]);
        assertTrue(t.degenerate());
        assertEquals(1.0, t.pUp());
        assertEquals(1.0, t.pDown());
        assertTrue(Double.isNaN(t.ratio()));
    }

    @Test
    void equalRatesGiveNoSignal() {
        int[] b = {3, 0, 7, 2, 1, 4, 9, 0, 2, 3, 1, 5, 0, 6, 3, 2};
        RateTestResult t = QuasiPoissonRateTest.test(b, b.clone());
        assertEquals(1.0, t.ratio(), 1e-15);
        assertEquals(0.5, t.pUp(), 1e-12);
        assertTrue(t.ciLow() < 1 && t.ciHigh() > 1);
    }
}
