package org.ebmworkbench.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Chooses the compute device: {@code cpu}, {@code gpu} (fails clearly without one) or {@code auto}. */
public final class Devices {
    private Devices() {}

    public static Device select(String choice) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        int gpus = Engine.getInstance().getGpuCount();
        switch (c) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalStateException("--device gpu: no CUDA GPU is visible to PyTorch "
                            + Engine.getInstance().getVersion() + " on this machine. Use --device cpu or auto, or "
                            + "build with the CUDA natives (EBM_MAVEN_PROFILES=gpu) on a machine with a GPU.");
                }
                return Device.gpu();
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new IllegalArgumentException("--device must be cpu, gpu or auto, was '" + choice + "'");
        }
    }
}
