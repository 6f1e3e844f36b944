package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Pinwheel, the Johnson et al. (2016) generator with 5 arms and rate 0.25. For arm k, rads = 2πk/5; features
 * f = (1 + radial·N(0,1), tangential·N(0,1)); angle = rads + rate·exp(f0); point = scale · f·R(angle) with
 * R = [[cos, −sin], [sin, cos]] applied to the row vector f, i.e. (f0 cos + f1 sin, −f0 sin + f1 cos); rows are
 * then shuffled. The n points are split evenly over the arms, the remainder going to the first arms (the official
 * code draws a multiple of 5). The official SNL loader reseeds numpy with 1, so its pinwheel is one fixed
 * dataset; here the caller's generator decides. Two conventions:
 * <ul>
 *   <li>{@code pinwheel_snl}: SNL's {@code MissingDataDataset} — radial 0.3, tangential 0.05, scale 10;</li>
 *   <li>{@code pinwheel_ed}: FFJORD {@code toy_data.py} as used by ED/EB-GFN — radial 0.3, tangential 0.1,
 *       scale 2.</li>
 * </ul>
 */
final class Pinwheel implements ToyDataset {
    static final int ARMS = 5;
    static final double RADIAL = 0.3;
    static final double RATE = 0.25;

    private final String name;
    private final String description;
    private final double tangential;
    private final double scale;

    Pinwheel(String name, String description, double tangential, double scale) {
        this.name = name;
        this.description = description;
        this.tangential = tangential;
        this.scale = scale;
    }

    static Pinwheel snl() {
        return new Pinwheel("pinwheel_snl",
                "SNL generator (Johnson et al.): 5 arms, radial std 0.3, tangential std 0.05, rate 0.25, scale 10", 0.05, 10);
    }

    static Pinwheel ed() {
        return new Pinwheel("pinwheel_ed",
                "ED/EB-GFN/FFJORD generator (Johnson et al.): 5 arms, radial std 0.3, tangential std 0.1, rate 0.25, scale 2",
                0.1, 2);
    }

    double tangential() {
        return tangential;
    }

    double scale() {
        return scale;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        int i = 0;
        for (int k = 0; k < ARMS; k++) {
            int count = n / ARMS + (k < n % ARMS ? 1 : 0);
            double rads = 2 * Math.PI * k / ARMS;
            for (int m = 0; m < count; m++, i++) {
                double f0 = RADIAL * Gaussians.next(rng) + 1;
                double f1 = tangential * Gaussians.next(rng);
                double angle = rads + RATE * Math.exp(f0);
                double c = Math.cos(angle);
                double s = Math.sin(angle);
                out.set(i, scale * (f0 * c + f1 * s), scale * (-f0 * s + f1 * c));
            }
        }
        out.shuffleRows(rng);
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.empty();
    }
}
