/** The training loop: optimiser, EMA, seeds, evaluation schedule, divergence detection, checkpoints. */
@NullMarked
package org.ebmworkbench.engine.train;

import org.jspecify.annotations.NullMarked;
