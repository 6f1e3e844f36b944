/**
 * Datasets: an immutable n×d {@link org.ebmworkbench.engine.data.Dataset}, the registry of 2-D toy generators
 * with fixed, documented conventions ({@link org.ebmworkbench.engine.data.ToyDatasets}), and a CSV loader
 * ({@link org.ebmworkbench.engine.data.CsvDataset}); for binary data, the lattice Ising benchmark
 * ({@link org.ebmworkbench.engine.data.LatticeIsing}, with its disk cache) and the Gray code of 2-D points
 * ({@link org.ebmworkbench.engine.data.GrayCode}).
 *
 * <p>Every generator follows one official code base (named in its Javadoc: SNL's {@code MissingDataDataset},
 * the Energy Discrepancy notebooks, FFJORD's {@code toy_data.py} as reused by EB-GFN and discrete ED) and draws
 * all randomness from the {@link java.util.SplittableRandom} it is given, so a seed fixes the data. Pure Java,
 * no DJL, except the lattice Ising generator, whose long Gibbs run is batched in DJL operations on the CPU.
 */
@NullMarked
package org.ebmworkbench.engine.data;

import org.jspecify.annotations.NullMarked;
