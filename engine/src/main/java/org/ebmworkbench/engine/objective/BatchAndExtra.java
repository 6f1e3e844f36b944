package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * The energies of a data batch and of extra points (negatives, proposal or noise samples) from one forward pass
 * over both, split back: one pass costs less than two, and both halves see the same parameters.
 *
 * @param data the energies of the N batch rows, in order
 * @param extra the energies of the extra rows, in order
 */
record BatchAndExtra(NDArray data, NDArray extra) {
    static BatchAndExtra energies(ObjectiveContext context, NDArray batch, NDArray extra) {
        long n = batch.getShape().get(0);
        NDArray energies = context.energy().energy(context.parameters(), NDArrays.concat(new NDList(batch, extra)));
        return new BatchAndExtra(energies.get(new NDIndex(":" + n)), energies.get(new NDIndex(n + ":")));
    }
}
