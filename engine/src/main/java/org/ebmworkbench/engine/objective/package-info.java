/** Training objectives: each returns a scalar loss to minimise and named diagnostics. */
@NullMarked
package org.ebmworkbench.engine.objective;

import org.jspecify.annotations.NullMarked;
