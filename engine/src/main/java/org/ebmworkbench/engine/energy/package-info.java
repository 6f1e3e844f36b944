/** Energy models E(x): p(x) is proportional to exp(-E(x)); every loss in the engine is minimised. */
@NullMarked
package org.ebmworkbench.engine.energy;

import org.jspecify.annotations.NullMarked;
