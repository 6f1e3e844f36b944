/** Named parameter sets and numerically careful tensor helpers shared by every component. */
@NullMarked
package org.ebmworkbench.engine.tensor;

import org.jspecify.annotations.NullMarked;
