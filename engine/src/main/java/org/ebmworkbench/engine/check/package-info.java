/** Parameter checks shared by every builder of the engine, with messages that name the component and parameter. */
package org.ebmworkbench.engine.check;
