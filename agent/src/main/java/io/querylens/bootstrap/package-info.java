/**
 * The bootstrap bridge: the only QueryLens classes that JDBC advice links to.
 *
 * <p>Internal. At start-up the agent copies this package into a small jar appended to the bootstrap
 * class path, so drivers, pools and ORMs in any class loader resolve the same classes. It must stay
 * free of dependencies beyond {@code java.base}.
 */
package io.querylens.bootstrap;
