package org.ebmworkbench.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of named tensors: the learnable state of a model or objective.
 *
 * <p>Models are pure functions of their parameters ({@code E(params, x)}), so the same model evaluates the raw
 * weights, their exponential moving average or a reloaded checkpoint without copying itself. The set of names is
 * fixed once built; the tensors themselves are updated in place by the optimiser.
 */
public final class Parameters {
    private final Map<String, NDArray> arrays;

    private Parameters(Map<String, NDArray> arrays) {
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    public static Parameters empty() {
        return new Parameters(new LinkedHashMap<>());
    }

    public static Builder builder() {
        return new Builder();
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; have " + arrays.keySet());
        }
        return a;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    public List<String> names() {
        return new ArrayList<>(arrays.keySet());
    }

    public List<NDArray> arrays() {
        return new ArrayList<>(arrays.values());
    }

    public int size() {
        return arrays.size();
    }

    /** Total number of scalar entries over all tensors. */
    public long count() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size();
        }
        return n;
    }

    /** Union of two disjoint sets; names must not clash. */
    public Parameters plus(Parameters other) {
        Map<String, NDArray> merged = new LinkedHashMap<>(arrays);
        for (Map.Entry<String, NDArray> e : other.arrays.entrySet()) {
            if (merged.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("parameter name clash: '" + e.getKey() + "'");
            }
        }
        return new Parameters(merged);
    }

    /** Deep copy into {@code manager}, detached from any graph and not requiring gradients. */
    public Parameters copy(NDManager manager) {
        Builder b = builder();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray c = e.getValue().stopGradient().duplicate();
            c.attach(manager);
            b.add(e.getKey(), c);
        }
        return b.build();
    }

    /**
     * Views of the same tensors cut from the autograd graph: evaluating an energy with them inside a gradient
     * collector yields gradients with respect to the inputs only (what samplers need), never the parameters.
     */
    public Parameters detached() {
        Builder b = builder();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            b.add(e.getKey(), e.getValue().stopGradient());
        }
        return b.build();
    }

    /** Marks every tensor as a leaf that collects gradients. */
    public Parameters requireGradients() {
        for (NDArray a : arrays.values()) {
            a.setRequiresGradient(true);
        }
        return this;
    }

    /** The tensors as a named {@link NDList}, the form DJL serialises. */
    public NDList toNDList() {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray a = e.getValue();
            a.setName(e.getKey());
            list.add(a);
        }
        return list;
    }

    public static Parameters fromNDList(NDList list) {
        Builder b = builder();
        for (NDArray a : list) {
            String name = a.getName();
            if (name == null) {
                throw new IllegalArgumentException("checkpoint tensor without a name: " + a.getShape());
            }
            b.add(name, a);
        }
        return b.build();
    }

    public static final class Builder {
        private final Map<String, NDArray> arrays = new LinkedHashMap<>();

        public Builder add(String name, NDArray array) {
            if (arrays.put(name, array) != null) {
                throw new IllegalArgumentException("duplicate parameter name '" + name + "'");
            }
            return this;
        }

        public Builder addAll(Parameters other) {
            for (String n : other.names()) {
                add(n, other.get(n));
            }
            return this;
        }

        public Parameters build() {
            return new Parameters(new LinkedHashMap<>(arrays));
        }
    }
}
