import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.*;

/**
 * How well can any model rank generated invoices from what their history shows? The generator's truth knows each
 * customer's latent lateness (a base log-odds, a monthly random-walk drift, chronic or not); a model can only infer
 * it from the customer's earlier invoices. This study replays the generator's lateness process
 * (data-samples/.../HistorySimulation.java: the same distributions and coefficients) and scores each test invoice
 * by the exact posterior probability of lateness, a Bayes filter over (chronic, base + drift) on a grid, given
 * generously everything else the generator drew: the invoice's amount noise, the macro cycle, the season, paper or
 * not, tenure, terms, the true dispute chance, every earlier invoice's dispute and lateness once its due date has
 * passed and its days late even while unpaid. Ranking by the posterior is the best any model with that
 * information can do, so its ROC AUC bounds every model from above (up to the test set's sampling noise).
 *
 * <p>Run: {@code java RiskCeiling.java <invoices> <first test month> <last test month> [grid step]}, months counted
 * from 0 = 2023-11, as the generator's default 36-month history. See notebooks-docs/risk-model.md.
 */
public class RiskCeiling {
    static final double[] SEG_SHARE = {0.15, 0.35, 0.40, 0.10}, SEG_RATE = {3.0, 2.0, 1.0, 1.5}, SEG_OFF = {-0.2, 0.0, 0.4, 0.6};
    static final double[] VOL = {0.90, 0.95, 1.15, 0.95, 1.00, 1.15, 0.90, 0.80, 1.15, 1.00, 1.05, 1.10};
    static final double[] SEASON = {0.20, 0, 0, 0, 0, 0, 0.05, 0.20, 0, 0, 0, 0.35};
    static double sig(double x) { return 1 / (1 + Math.exp(-x)); }
    static final LocalDate START = LocalDate.of(2023, 11, 1);
    static final int MONTHS = 36;

    static final class Cust { int seg, from, to, terms; boolean chronic; double base, dLogit, rate; LocalDate since, paperless;
        double[] drift = new double[MONTHS]; List<Inv> invs = new ArrayList<>(); }
    static final class Inv { int m; LocalDate date, due; double x, dc, pTruth, daysLate, L; boolean disputed, late; }

    public static void main(String[] a) {
        long target = Long.parseLong(a[0]); int testFrom = Integer.parseInt(a[1]), testTo = Integer.parseInt(a[2]);
        double step = a.length > 3 ? Double.parseDouble(a[3]) : 0.1;
        SplittableRandom r = new SplittableRandom(7);
        int nc = (int) (target / 15);
        List<Cust> cs = new ArrayList<>();
        double expected = 0;
        for (int i = 0; i < nc; i++) {
            Cust c = new Cust();
            c.seg = pick(r, SEG_SHARE);
            if (r.nextDouble() < 0.25) { c.from = 1 + r.nextInt(MONTHS - 1); LocalDate ms = START.plusMonths(c.from); c.since = ms.plusDays(r.nextInt(ms.lengthOfMonth())); }
            else { c.from = 0; c.since = START.minusDays(30 + r.nextInt(8 * 365)); }
            c.to = r.nextDouble() < 0.15 ? c.from + 1 + r.nextInt(Math.max(1, MONTHS - c.from)) : MONTHS; c.to = Math.min(c.to, MONTHS);
            c.rate = SEG_RATE[c.seg] * Math.exp(0.7 * gauss(r));
            c.chronic = r.nextDouble() < 0.12;
            c.base = -1.6 + 0.9 * gauss(r) + SEG_OFF[c.seg] + (c.chronic ? 2.2 : 0);
            c.dLogit = -3.5 + 0.6 * gauss(r) + (c.chronic ? 0.6 : 0);
            double u = r.nextDouble();
            c.terms = switch (c.seg) { case 0 -> u < 0.5 ? 60 : u < 0.8 ? 45 : 30; case 1 -> u < 0.6 ? 30 : 45; case 2 -> u < 0.5 ? 15 : 30; default -> u < 0.6 ? 30 : 60; };
            c.paperless = r.nextDouble() < 0.45 ? START.plusDays(r.nextInt(MONTHS * 30 + 1)) : null;
            for (int m = c.from; m < c.to; m++) expected += c.rate * VOL[START.plusMonths(m).getMonthValue() - 1];
            cs.add(c);
        }
        double scale = target / expected;
        for (int m = 0; m < MONTHS; m++) {
            LocalDate ms = START.plusMonths(m);
            double macro = 0.30 * Math.sin(2 * Math.PI * m / 24.0) + 0.012 * m - 0.2;
            for (Cust c : cs) {
                c.drift[m] = (m == 0 ? 0 : c.drift[m - 1]) + 0.10 * gauss(r);
                if (m < c.from || m >= c.to) continue;
                long n = poisson(r, c.rate * VOL[ms.getMonthValue() - 1] * scale);
                for (long k = 0; k < n; k++) {
                    Inv v = new Inv(); v.m = m;
                    v.date = ms.plusDays(r.nextInt(ms.lengthOfMonth()));
                    if (v.date.isBefore(c.since)) v.date = c.since;
                    int terms = r.nextDouble() < 0.95 ? c.terms : 30;
                    v.due = v.date.plusDays(terms);
                    double an = gauss(r);
                    boolean paper = c.paperless == null || v.date.isBefore(c.paperless);
                    long tenure = ChronoUnit.MONTHS.between(c.since, v.date);
                    v.x = macro + SEASON[v.due.getMonthValue() - 1] + 0.25 * an + (paper ? 0.5 : 0) + (tenure < 6 ? 0.3 : 0) + (terms >= 60 ? -0.2 : 0);
                    v.L = c.base + c.drift[m];
                    v.dc = sig(c.dLogit + 0.35 * an);
                    v.pTruth = (1 - v.dc) * sig(v.L + v.x) + v.dc * sig(v.L + v.x + 2);
                    v.disputed = r.nextDouble() < v.dc;
                    v.late = r.nextDouble() < sig(v.L + v.x + (v.disputed ? 2 : 0));
                    if (v.late) { double mu = 6 + (c.chronic ? 22 : 0) + (v.disputed ? 15 : 0) + 6 * Math.max(0, v.L); v.daysLate = 1 + Math.floor(-mu * Math.log(1 - r.nextDouble())); }
                    c.invs.add(v);
                }
            }
        }
        // Filter grid
        int g = (int) Math.round(16 / step) + 1; double lo = -8;
        double[] grid = new double[g]; for (int i = 0; i < g; i++) grid[i] = lo + i * step;
        int kw = (int) Math.ceil(0.45 / step); double[] kern = new double[2 * kw + 1]; double ks = 0;
        for (int j = -kw; j <= kw; j++) { kern[j + kw] = Math.exp(-0.5 * Math.pow(j * step / 0.1, 2)); ks += kern[j + kw]; }
        for (int j = 0; j < kern.length; j++) kern[j] /= ks;
        List<double[]> truthRows = new ArrayList<>(), bayesRows = new ArrayList<>(), shareRows = new ArrayList<>();
        long invoices = 0, test = 0;
        for (Cust c : cs) {
            invoices += c.invs.size();
            for (Inv t : c.invs) {
                if (t.m < testFrom || t.m > testTo) continue;
                test++;
                double y = t.late ? 1 : 0;
                truthRows.add(new double[] {t.pTruth, y});
                // The generator's prior on (chronic, base) given the segment; drift starts at about 0.
                double[][] post = new double[2][g];
                for (int ch = 0; ch < 2; ch++) {
                    double pc = ch == 1 ? 0.12 : 0.88, mu = -1.6 + SEG_OFF[c.seg] + (ch == 1 ? 2.2 : 0);
                    for (int i = 0; i < g; i++) post[ch][i] = pc * Math.exp(-0.5 * Math.pow((grid[i] - mu) / 0.9, 2));
                }
                int late = 0, known = 0;
                for (int m = 0; m <= t.m; m++) {
                    if (m > 0) for (int ch = 0; ch < 2; ch++) post[ch] = conv(post[ch], kern, kw);
                    for (Inv o : c.invs) {
                        if (o.m != m || o == t || !o.due.isBefore(t.date)) continue; // known once its due date has passed
                        observe(post, grid, o, c);
                        known++; if (o.late) late++;
                    }
                }
                double num = 0, den = 0;
                for (int ch = 0; ch < 2; ch++) for (int i = 0; i < g; i++) {
                    double w = post[ch][i]; den += w;
                    num += w * ((1 - t.dc) * sig(grid[i] + t.x) + t.dc * sig(grid[i] + t.x + 2));
                }
                bayesRows.add(new double[] {num / den, y});
                shareRows.add(new double[] {(late + 0.4 * 3) / (known + 3.0), y});
            }
        }
        System.out.printf("customers %d, invoices %d, test invoices %d (months %d-%d), late share %.3f%n", nc, invoices, test, testFrom, testTo,
                truthRows.stream().mapToDouble(x -> x[1]).average().orElse(0));
        System.out.printf("AUC truth %.4f | Bayes filter on the history (generous) %.4f | shrunk past late share %.4f%n",
                auc(truthRows), auc(bayesRows), auc(shareRows));
    }

    static void observe(double[][] post, double[] grid, Inv o, Cust c) {
        for (int ch = 0; ch < 2; ch++) for (int i = 0; i < grid.length; i++) {
            double L = grid[i];
            double pl = sig(L + o.x + (o.disputed ? 2 : 0));
            double like;
            if (o.late) {
                double mu = 6 + (ch == 1 ? 22 : 0) + (o.disputed ? 15 : 0) + 6 * Math.max(0, L);
                double k = o.daysLate;
                like = pl * (Math.exp(-(k - 1) / mu) - Math.exp(-k / mu));
            } else like = 1 - pl;
            // The true dispute chance is given, so the dispute flag adds nothing on (chronic, L) beyond it.
            post[ch][i] *= like;
        }
        double s = 0; for (double[] p : post) for (double v : p) s += v;
        for (double[] p : post) for (int i = 0; i < p.length; i++) p[i] /= s;
    }

    static double[] conv(double[] p, double[] k, int kw) {
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) { if (p[i] == 0) continue; for (int j = -kw; j <= kw; j++) { int t = i + j; if (t >= 0 && t < p.length) q[t] += p[i] * k[j + kw]; } }
        return q;
    }

    static double auc(List<double[]> rows) {
        rows.sort(Comparator.comparingDouble(x -> x[0]));
        double pos = 0, neg = 0, rankSum = 0; int n = rows.size();
        int i = 0;
        while (i < n) { int j = i; while (j < n && rows.get(j)[0] == rows.get(i)[0]) j++;
            double avg = (i + 1 + j) / 2.0; for (int k = i; k < j; k++) if (rows.get(k)[1] == 1) { rankSum += avg; pos++; } else neg++; i = j; }
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }
    static int pick(SplittableRandom r, double[] share) { double u = r.nextDouble(), s = 0; for (int i = 0; i < share.length; i++) { s += share[i]; if (u < s) return i; } return share.length - 1; }
    static double gauss(SplittableRandom r) { double u1 = r.nextDouble(), u2 = r.nextDouble(); return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2); }
    static long poisson(SplittableRandom r, double mean) { double l = Math.exp(-mean), p = 1; long k = 0; do { k++; p *= r.nextDouble(); } while (p > l); return k - 1; }
}
