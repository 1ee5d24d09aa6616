package io.arscope.risk;

/**
 * Platt scaling: a logistic curve fitted on held-out predictions, p' = sigmoid(a logit(p) + b), which fixes a
 * model whose probabilities are too confident or too timid while keeping its ranking.
 */
final class Platt {

    private static final double EPS = 1e-6;

    private Platt() {
    }

    static double logit(double p) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(q / (1 - q));
    }

    static double apply(double[] ab, double p) {
        return 1 / (1 + Math.exp(-(ab[0] * logit(p) + ab[1])));
    }

    /** Fits (a, b) by Newton's method on the log loss. */
    static double[] fit(double[] p, boolean[] late) {
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 50; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < p.length; i++) {
                double s = logit(p[i]);
                double q = 1 / (1 + Math.exp(-(a * s + b)));
                double r = q - (late[i] ? 1 : 0);
                double w = q * (1 - q);
                ga += r * s;
                gb += r;
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }
            haa += 1e-9;
            hbb += 1e-9;
            double det = haa * hbb - hab * hab;
            if (det <= 0) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }
}
