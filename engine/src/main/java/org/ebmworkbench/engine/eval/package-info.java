/** Evaluation of trained energies: grid-quadrature and importance-sampled log-likelihoods, MSE of the log-density, MMD. */
@NullMarked
package org.ebmworkbench.engine.eval;

import org.jspecify.annotations.NullMarked;
