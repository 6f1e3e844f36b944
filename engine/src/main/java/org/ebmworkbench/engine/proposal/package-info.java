/** Proposal and noise distributions: a sampler plus an exact log-density. */
@NullMarked
package org.ebmworkbench.engine.proposal;

import org.jspecify.annotations.NullMarked;
