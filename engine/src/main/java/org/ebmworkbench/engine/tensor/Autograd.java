package org.ebmworkbench.engine.tensor;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few autograd operations that DJL's engine-neutral API does not expose, kept in one place so the rest of the
 * engine stays on the DJL API. DJL's PyTorch engine does not zero gradients between backward passes, so the trainer
 * zeroes them itself after each optimiser update.
 *
 * <h2>Input gradients with a graph (score matching)</h2>
 * Score matching differentiates ∇ₓE again w.r.t. the parameters (double back-propagation). DJL 0.32 offers only
 * {@code backward(keepGraph, createGraph)}, which accumulates into the {@code .grad} of every leaf it reaches; with
 * createGraph that gradient carries a graph that leads back to the leaf, the reference cycle PyTorch warns about
 * ("... reset the .grad fields of your parameters to None after use to break the cycle"), and DJL cannot reset a
 * {@code .grad} to None. Measured on an MLP 2-128-128-1 (SiLU, batch 128, exact SM): ≈ 0.5–0.7 MB of native memory
 * leaked per training step (20 000 steps: > 10 GB), only halved by switching the parameters' requiresGrad off for the
 * inner pass, because the input's own {@code .grad} keeps the step's activations alive. {@link #inputGradient}
 * therefore calls {@code torch.autograd.grad}, which returns the gradient without storing it anywhere, through a
 * tiny TorchScript module built at run time ({@code TorchScriptGrad}); the same loop then shows no growth beyond
 * that of a first-order training loop, which {@code MemoryContractTest} checks for every registered objective over
 * 20 000 steps. The outer gradient (the trainer's {@code collector.backward}) is checked against central finite
 * differences in float64 for every registered objective in {@code GradientContractTest}.
 */
public final class Autograd {
    private Autograd() {}

    /** Sets the accumulated gradient of a leaf tensor to zero, in place. */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /**
     * A leaf that shares the storage of {@code x}, cut from any graph, and requires a gradient: the input of an energy
     * whose {@link #inputGradient} is wanted. Its {@code .grad} is never written by {@link #inputGradient}.
     */
    public static NDArray inputLeaf(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /**
     * ∂(output)/∂(input), itself differentiable: {@code torch.autograd.grad(output, input, retain_graph = True,
     * create_graph = True)}. Nothing accumulates into any {@code .grad}, so it can be called any number of times in a
     * step (Hessian-vector products, Hessian columns) and the trainer's backward pass then differentiates the result
     * w.r.t. the parameters. Call it where autograd records (inside a {@code GradientCollector}).
     *
     * @param output a scalar computed from {@code input}, e.g. {@code energy.sum()} or {@code Σᵢ vᵢᵀ∇E(xᵢ)}
     * @param input a tensor that requires a gradient, e.g. from {@link #inputLeaf}
     * @return a tensor shaped like {@code input}, in the manager of {@code output}
     */
    public static NDArray inputGradient(NDArray output, NDArray input) {
        if (output.getShape().size() != 1) {
            throw new IllegalArgumentException("inputGradient: the output must be a scalar, got shape " + output.getShape());
        }
        if (!input.hasGradient()) {
            throw new IllegalArgumentException("inputGradient: the input does not require a gradient (use inputLeaf)");
        }
        // DJL reads structure from array names (e.g. "a.b" means a dict entry); the arguments must be plain tensors.
        String outputName = output.getName();
        String inputName = input.getName();
        output.setName(null);
        input.setName(null);
        try {
            return IValueUtils.forward(TorchScriptGrad.block(), new NDList(output, input), true).singletonOrThrow();
        } catch (EngineException e) {
            throw new IllegalStateException("inputGradient: torch.autograd.grad failed (is the output computed from the"
                    + " input, inside a GradientCollector?): " + e.getMessage(), e);
        } finally {
            output.setName(outputName);
            input.setName(inputName);
        }
    }
}
