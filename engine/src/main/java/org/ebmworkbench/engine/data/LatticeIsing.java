package org.ebmworkbench.engine.data;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ebmworkbench.engine.check.Require;

/**
 * The lattice Ising benchmark of Grathwohl et al. 2021 (arXiv:2102.04509), reused by discrete energy discrepancy
 * (Schröder et al. 2023, arXiv:2307.07595): binary states x ∈ {0, 1}^D on a periodic n × n lattice, D = n², with
 * spins s = 2x − 1 and p(x) ∝ exp(sᵀ J s), J = σA, A the adjacency matrix of the lattice (site (r, c) is
 * index r·n + c; its four neighbours wrap around), no field. This is the convention of their code, so sᵀJs counts
 * every lattice bond twice: the coupling of a bond is 2σ in the usual Σ_bonds form.
 *
 * <p>Samples come from a long seeded Gibbs run, batched over {@link Builder#optChains chains} in DJL operations on
 * the CPU: the chains start uniform on {0, 1}^D; one sweep updates the sites colour class by colour class (a proper
 * colouring of the lattice, two classes for even n, three for odd), every site of a class at once from its exact
 * conditional p(x_i = 1 | x_−i) = sigmoid(4 Σ_j J_ij s_j), which is a systematic-scan Gibbs sweep since the sites of
 * a class do not interact. After {@link Builder#optBurnIn burnIn} sweeps every chain gives one sample each
 * {@link Builder#optThin thin} sweeps until {@link Builder#setSamples samples} rows exist; rows are ordered chain by
 * chain, so a prefix and the rest share as few chains as possible. The run is seeded through
 * {@code Engine.setRandomSeed(seed)} and serialised within the process, so a seed fixes the samples on one machine.
 *
 * <p>{@link #load} caches the samples on disk under a file named after every parameter ({@link LatticeIsingCache}).
 */
public final class LatticeIsing {
    private static final Object RNG_LOCK = new Object();

    private final int side;
    private final double sigma;
    private final int samples;
    private final int burnIn;
    private final int thin;
    private final int chains;
    private final long seed;

    private LatticeIsing(Builder b) {
        this.side = b.side;
        this.sigma = b.sigma;
        this.samples = b.samples;
        this.burnIn = b.burnIn;
        this.thin = b.thin;
        this.chains = b.chains;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int side() {
        return side;
    }

    public double sigma() {
        return sigma;
    }

    /** D = n² binary sites. */
    public int dim() {
        return side * side;
    }

    public int samples() {
        return samples;
    }

    public int burnIn() {
        return burnIn;
    }

    public int thin() {
        return thin;
    }

    public int chains() {
        return chains;
    }

    public long seed() {
        return seed;
    }

    /** The site index of the lattice cell (row, column), both taken modulo n. */
    int site(int row, int column) {
        return Math.floorMod(row, side) * side + Math.floorMod(column, side);
    }

    /** The true D × D coupling matrix J = σA, symmetric with zero diagonal. */
    public double[][] couplings() {
        int d = dim();
        double[][] j = new double[d][d];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int i = site(r, c);
                for (int neighbour : new int[] {site(r - 1, c), site(r + 1, c), site(r, c - 1), site(r, c + 1)}) {
                    j[i][neighbour] = sigma;
                }
            }
        }
        return j;
    }

    /**
     * The RMSE of the estimate Ĵ = 0 over the D² entries: every site has 4 distinct neighbours for n ≥ 3, so
     * RMSE = |σ| √(4D / D²) = |σ| √(4 / D), the reference line of the benchmark's log-RMSE plots.
     */
    public double zeroEstimateRmse() {
        return Math.abs(sigma) * Math.sqrt(4.0 / dim());
    }

    /** The cached samples in {@code cacheDir} if a valid file is there, else a fresh run, written there atomically. */
    public Dataset load(Path cacheDir) {
        LatticeIsingCache cache = new LatticeIsingCache(cacheDir);
        Dataset cached = cache.read(this);
        if (cached != null) {
            return cached;
        }
        Dataset fresh = sample();
        cache.write(this, fresh);
        return fresh;
    }

    /** A fresh Gibbs run (no cache): {@link #samples} rows of D values in {0, 1}. */
    public Dataset sample() {
        synchronized (RNG_LOCK) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                Engine.getInstance().setRandomSeed((int) seed);
                NDArray rows = run(manager);
                return Dataset.wrap(rows.toFloatArray(), samples, dim());
            }
        }
    }

    private NDArray run(NDManager manager) {
        int used = Math.min(chains, samples);
        Shape lattice = new Shape(used, side, side);
        NDArray x = manager.randomUniform(0f, 1f, lattice).lt(0.5f).toType(DataType.FLOAT32, false);
        NDList masks = colourMasks(manager);
        int rounds = (samples + used - 1) / used;
        NDList recorded = new NDList();
        int sweeps = burnIn + (rounds - 1) * thin + 1;
        for (int k = 1; k <= sweeps; k++) {
            boolean record = k > burnIn && (k - burnIn - 1) % thin == 0;
            NDArray next;
            try (NDScope ignored = new NDScope()) {
                next = sweep(x, masks);
                NDScope.unregister(next);
            }
            x.close();
            x = next;
            if (record) {
                recorded.add(x.duplicate());
            }
        }
        // (rounds, chains, n, n) → chain-major rows.
        NDArray all = NDArrays.stack(recorded).transpose(1, 0, 2, 3).reshape(rounds * (long) used, dim());
        return all.get(new NDIndex(":" + samples));
    }

    /** One sweep: the colour classes in order, each site of a class drawn from its conditional. */
    private NDArray sweep(NDArray x, NDList masks) {
        NDArray state = x;
        for (NDArray mask : masks) {
            NDArray spins = state.mul(2).sub(1);
            NDArray neighbourSum = roll(spins, 1, 1).add(roll(spins, 1, -1)).add(roll(spins, 2, 1)).add(roll(spins, 2, -1));
            NDArray probabilityOn = ai.djl.nn.Activation.sigmoid(neighbourSum.mul(4 * sigma));
            NDArray drawn = state.getManager().randomUniform(0f, 1f, state.getShape()).lt(probabilityOn)
                    .toType(DataType.FLOAT32, false);
            state = state.add(drawn.sub(state).mul(mask));
        }
        return state;
    }

    /** {@code a} shifted cyclically by {@code shift} = ±1 along {@code axis} (1 = rows, 2 = columns). */
    private NDArray roll(NDArray a, int axis, int shift) {
        String last = (side - 1) + ":";
        String head = ":" + (side - 1);
        String first = ":1";
        String rest = "1:";
        NDArray lead = a.get(new NDIndex(index(axis, shift > 0 ? last : rest)));
        NDArray tail = a.get(new NDIndex(index(axis, shift > 0 ? head : first)));
        return NDArrays.concat(new NDList(lead, tail), axis);
    }

    private static String index(int axis, String slice) {
        return axis == 1 ? ":, " + slice + ", :" : ":, :, " + slice;
    }

    /** 0/1 masks (1, n, n) of a proper colouring, greedy in row-major order (2 classes for even n, 3 for odd). */
    private NDList colourMasks(NDManager manager) {
        int[] colour = colouring();
        int classes = 0;
        for (int c : colour) {
            classes = Math.max(classes, c + 1);
        }
        NDList masks = new NDList();
        for (int k = 0; k < classes; k++) {
            float[] m = new float[dim()];
            for (int i = 0; i < dim(); i++) {
                m[i] = colour[i] == k ? 1f : 0f;
            }
            masks.add(manager.create(m, new Shape(1, side, side)));
        }
        return masks;
    }

    /** A proper colouring of the periodic lattice: no two neighbours share a colour. */
    int[] colouring() {
        int[] colour = new int[dim()];
        Arrays.fill(colour, -1);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                boolean[] used = new boolean[5];
                for (int neighbour : new int[] {site(r - 1, c), site(r + 1, c), site(r, c - 1), site(r, c + 1)}) {
                    if (colour[neighbour] >= 0) {
                        used[colour[neighbour]] = true;
                    }
                }
                int k = 0;
                while (used[k]) {
                    k++;
                }
                colour[site(r, c)] = k;
            }
        }
        return colour;
    }

    /** The cache file's name: every parameter that changes the samples. */
    String cacheKey() {
        return String.format(Locale.ROOT, "lattice-ising-n%d-sigma%s-samples%d-burnin%d-thin%d-chains%d-seed%d",
                side, Double.toString(sigma), samples, burnIn, thin, chains, seed);
    }

    public String describe() {
        return String.format(Locale.ROOT, "lattice Ising %d×%d periodic, σ = %s, %d samples from %d Gibbs chains "
                + "(burn-in %d sweeps, thinning %d), seed %d", side, side, sigma, samples, chains, burnIn, thin, seed);
    }

    /** DJL-style builder: {@code LatticeIsing.builder().setSide(5).setSigma(0.25).setSamples(2000).build()}. */
    public static final class Builder {
        /** Sweeps before the first sample: several autocorrelation times of a 10 × 10 lattice near σ_c ≈ 0.22. */
        public static final int DEFAULT_BURN_IN = 2000;
        /** Sweeps between two samples of one chain. */
        public static final int DEFAULT_THIN = 20;
        /** Parallel chains; in the ordered phase (σ above ≈ 0.22) each chain stays in one magnetised mode, and the
         *  many chains started uniform weigh both modes alike. */
        public static final int DEFAULT_CHAINS = 500;
        public static final long DEFAULT_SEED = 0;

        private int side = -1;
        private double sigma = Double.NaN;
        private int samples = -1;
        private int burnIn = DEFAULT_BURN_IN;
        private int thin = DEFAULT_THIN;
        private int chains = DEFAULT_CHAINS;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        /** The lattice side n ≥ 3 (below 3 a site's neighbours coincide); D = n². */
        public Builder setSide(int side) {
            this.side = side;
            return this;
        }

        /** The coupling σ of J = σA (finite; negative is antiferromagnetic). */
        public Builder setSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** The number of rows to generate. */
        public Builder setSamples(int samples) {
            this.samples = samples;
            return this;
        }

        /** Sweeps discarded before the first sample. */
        public Builder optBurnIn(int burnIn) {
            this.burnIn = burnIn;
            return this;
        }

        /** Sweeps between successive samples of a chain (≥ 1). */
        public Builder optThin(int thin) {
            this.thin = thin;
            return this;
        }

        /** Chains run in parallel (at most {@code samples} of them are used). */
        public Builder optChains(int chains) {
            this.chains = chains;
            return this;
        }

        /** The seed of the engine's random generator for the run. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public LatticeIsing build() {
            Require.atLeast("latticeIsing", "n", side, 3);
            Require.that(Double.isFinite(sigma), "latticeIsing", "sigma", "be finite", sigma);
            Require.atLeast("latticeIsing", "samples", samples, 1);
            Require.atLeast("latticeIsing", "burnIn", burnIn, 0);
            Require.atLeast("latticeIsing", "thin", thin, 1);
            Require.atLeast("latticeIsing", "chains", chains, 1);
            return new LatticeIsing(this);
        }
    }
}
