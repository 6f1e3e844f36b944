package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Categorical data for an energy on one-hot input: x has V variables, each an integer category in {0, …, K − 1}
 * stored as a floating-point value, and the inner energy (input dimension V·K) sees the concatenated one-hot codes, as
 * the categorical models of discrete ED do (Schröder et al. 2024, arXiv:2412.01019). With an MLP inside this is their
 * "one-hot input → MLP" energy, the embedding being the MLP's first layer.
 *
 * <p>The encoding is not differentiable in x, so gradient-based samplers do not apply; values outside {0, …, K − 1}
 * are not checked per call (that would read the batch back to the host) and fail in the one-hot operation or give a
 * zero code.
 */
public final class OneHotEnergy implements EnergyModel {
    private final EnergyModel inner;
    private final int categories;
    private final int variables;

    /**
     * @param inner the energy on the one-hot codes; its input dimension must be a multiple of {@code categories}
     * @param categories K, the number of categories of every variable (≥ 2)
     */
    public OneHotEnergy(EnergyModel inner, int categories) {
        Require.atLeast("oneHot", "categories", categories, 2);
        Require.that(inner.inputDim() % categories == 0, "oneHot", "categories",
                "divide the inner energy's input dimension " + inner.inputDim(), categories);
        this.inner = inner;
        this.categories = categories;
        this.variables = inner.inputDim() / categories;
    }

    public EnergyModel inner() {
        return inner;
    }

    /** K, the number of categories of every variable. */
    public int categories() {
        return categories;
    }

    /** V, the number of categorical variables: the input dimension. */
    @Override
    public int inputDim() {
        return variables;
    }

    @Override
    public Parameters initialize(NDManager manager) {
        return inner.initialize(manager);
    }

    @Override
    public NDArray energy(Parameters params, NDArray x) {
        long n = x.getShape().get(0);
        NDArray codes = x.toType(DataType.INT64, false).oneHot(categories, x.getDataType());
        return inner.energy(params, codes.reshape(n, (long) variables * categories));
    }

    @Override
    public String describe() {
        return inner.describe() + " on one-hot codes of " + variables + " variables with " + categories + " categories";
    }
}
