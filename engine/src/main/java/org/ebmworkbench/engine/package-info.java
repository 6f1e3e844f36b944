/** EBM Workbench engine: energies, proposals, objectives, datasets, evaluation and training on DJL. */
@NullMarked
package org.ebmworkbench.engine;

import org.jspecify.annotations.NullMarked;
