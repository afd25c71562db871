# Reference values for QuasiPoissonRateTestTest and RateComparisonTest. R 4.2.2 (Debian r-base-core).
# Run: Rscript src/test/r/quasipoisson-reference.R > src/test/r/quasipoisson-reference.out
# glm.control(epsilon=1e-14) so that IRLS is converged to well below the 1e-6 tolerance of the tests.
options(digits=15)
set.seed(4)
b <- rnbinom(30, size=1.5, mu=3); r <- rnbinom(20, size=1.5, mu=6)
cat("A base: "); dput(b); cat("A recent: "); dput(r)
y <- c(b, r); w <- factor(c(rep("base",length(b)), rep("recent",length(r))), levels=c("base","recent"))
f <- glm(y ~ w, family=quasipoisson, control=glm.control(epsilon=1e-14, maxit=100)); s <- summary(f)
co <- coef(s)["wrecent",]; df <- f$df.residual
cat(sprintf("A coef=%.15g se=%.15g t=%.15g df=%d disp=%.15g pUp=%.15g lo=%.15g hi=%.15g\n",
  co[1], co[2], co[3], df, s$dispersion, pt(co[3], df, lower.tail=FALSE),
  exp(co[1]-qt(.975,df)*co[2]), exp(co[1]+qt(.975,df)*co[2])))
# B: step down, moderate
set.seed(11)
b <- rnbinom(40, size=3, mu=8); r <- rnbinom(16, size=3, mu=4)
cat("B base: "); dput(b); cat("B recent: "); dput(r)
y <- c(b, r); w <- factor(c(rep("base",length(b)), rep("recent",length(r))), levels=c("base","recent"))
f <- glm(y ~ w, family=quasipoisson, control=glm.control(epsilon=1e-14, maxit=100)); s <- summary(f)
co <- coef(s)["wrecent",]; df <- f$df.residual
cat(sprintf("B coef=%.15g se=%.15g t=%.15g df=%d disp=%.15g pDown=%.15g lo=%.15g hi=%.15g\n",
  co[1], co[2], co[3], df, s$dispersion, pt(co[3], df),
  exp(co[1]-qt(.975,df)*co[2]), exp(co[1]+qt(.975,df)*co[2])))
# C: under-dispersed -> dispersion floored at 1 = Poisson SE
b <- c(2,3,2,3,2,3,2,3,2,3,2,3,2,3,2,3); r <- c(4,4,5,4,4,5,4,4,5,4,4,5,4,4)
y <- c(b, r); w <- factor(c(rep("base",length(b)), rep("recent",length(r))), levels=c("base","recent"))
fq <- glm(y ~ w, family=quasipoisson, control=glm.control(epsilon=1e-14, maxit=100)); fp <- glm(y ~ w, family=poisson, control=glm.control(epsilon=1e-14, maxit=100))
cq <- coef(summary(fq))["wrecent",]; cp <- coef(summary(fp))["wrecent",]; df <- fq$df.residual
cat(sprintf("C coef=%.15g disp=%.15g sePois=%.15g pUp=%.15g lo=%.15g hi=%.15g\n",
  cq[1], summary(fq)$dispersion, cp[2], pt(cp[1]/cp[2], df, lower.tail=FALSE),
  exp(cp[1]-qt(.975,df)*cp[2]), exp(cp[1]+qt(.975,df)*cp[2])))
# D: paired cohort, fixed effects + offset
acc <- data.frame(b=c(120,40,300,15,80,220,60,5), bd=c(84,80,84,60,84,70,84,40),
                  f=c(150,30,420,30,85,260,90,12), fd=c(28,25,28,20,28,28,27,14))
y <- c(acc$b, acc$f); d <- c(acc$bd, acc$fd); a <- factor(rep(1:nrow(acc), 2)); per <- factor(rep(c("b","f"), each=nrow(acc)))
g <- glm(y ~ a + per + offset(log(d)), family=quasipoisson, control=glm.control(epsilon=1e-14, maxit=100)); s <- summary(g)
co <- coef(s)["perf",]; df <- g$df.residual
cat(sprintf("D coef=%.15g se=%.15g df=%d disp=%.15g p=%.15g ratio=%.15g lo=%.15g hi=%.15g\n",
  co[1], co[2], df, s$dispersion, co[4], exp(co[1]),
  exp(co[1]-qt(.975,df)*co[2]), exp(co[1]+qt(.975,df)*co[2])))
