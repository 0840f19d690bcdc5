/**
 * The JDBC monitoring tools QueryLens is compared with, and how {@link io.querylens.bench.Peer}
 * wires each into a benchmark's JVM.
 */
package io.querylens.bench.peers;
