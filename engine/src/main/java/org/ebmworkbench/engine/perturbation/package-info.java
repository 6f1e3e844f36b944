/**
 * The perturbations of energy discrepancy: each draws, for every data point, the negatives of the ED estimator
 * (Schröder et al. 2023, arXiv:2307.06431; discrete perturbations: Schröder et al. 2024, arXiv:2412.01019).
 */
@NullMarked
package org.ebmworkbench.engine.perturbation;

import org.jspecify.annotations.NullMarked;
