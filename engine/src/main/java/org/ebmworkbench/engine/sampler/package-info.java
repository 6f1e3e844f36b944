/** MCMC samplers that advance batches of chains on an energy, outside any gradient collector. */
@NullMarked
package org.ebmworkbench.engine.sampler;

import org.jspecify.annotations.NullMarked;
