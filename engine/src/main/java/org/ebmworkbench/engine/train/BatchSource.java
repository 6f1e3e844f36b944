package org.ebmworkbench.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.SplittableRandom;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.data.ToyDataset;
import org.ebmworkbench.engine.tensor.Tensors;
import org.jspecify.annotations.Nullable;

/** Where training batches come from: epochs over a fixed sample, or fresh samples from a generator each step. */
interface BatchSource extends AutoCloseable {

    /** The next batch, created in the current scope. */
    NDArray next(NDManager manager);

    /** Number of steps in one pass over the data (1 for fresh samples). */
    long stepsPerEpoch();

    @Override
    void close();

    /** Shuffled mini-batches of a fixed dataset held on the device; the last batch of an epoch may be smaller. */
    final class Epochs implements BatchSource {
        private final NDArray data;
        private final int n;
        private final int batch;
        private @Nullable NDArray permutation;
        private int cursor;

        Epochs(NDManager manager, Dataset dataset, int batch) {
            this.data = Tensors.fromRows(manager, dataset.toArray(), dataset.size(), dataset.dim());
            this.n = dataset.size();
            this.batch = Math.min(batch, n);
        }

        @Override
        public NDArray next(NDManager manager) {
            if (permutation == null || cursor >= n) {
                if (permutation != null) {
                    permutation.close();
                }
                permutation = manager.randomPermutation(n);
                NDScope.unregister(permutation);
                cursor = 0;
            }
            int end = Math.min(cursor + batch, n);
            NDArray rows = permutation.get(new NDIndex(cursor + ":" + end));
            cursor = end;
            return data.get(rows);
        }

        @Override
        public long stepsPerEpoch() {
            return (n + batch - 1) / batch;
        }

        @Override
        public void close() {
            if (permutation != null) {
                permutation.close();
            }
            data.close();
        }
    }

    /** A fresh batch from the generator each step (the ED 2-D protocol); seeded, so runs repeat. */
    final class Fresh implements BatchSource {
        private final ToyDataset generator;
        private final int batch;
        private final SplittableRandom rng;

        Fresh(ToyDataset generator, int batch, long seed) {
            this.generator = generator;
            this.batch = batch;
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public NDArray next(NDManager manager) {
            Dataset d = generator.sample(batch, rng);
            return Tensors.fromRows(manager, d.toArray(), d.size(), d.dim());
        }

        @Override
        public long stepsPerEpoch() {
            return 1;
        }

        @Override
        public void close() {}
    }
}
