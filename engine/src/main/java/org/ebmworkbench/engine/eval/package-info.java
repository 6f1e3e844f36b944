/** Evaluation of trained energies: exact grid quadrature and importance-sampled log-likelihoods. */
@NullMarked
package org.ebmworkbench.engine.eval;

import org.jspecify.annotations.NullMarked;
