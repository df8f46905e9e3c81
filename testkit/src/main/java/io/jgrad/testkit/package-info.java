/**
 * Property-based gradient testing for jgrad with jqwik: {@link io.jgrad.testkit.TensorArbitraries}
 * generates tensors (of random shapes, broadcast and matmul pairs included) with values from a
 * {@link io.jgrad.testkit.Domain}, and {@link io.jgrad.testkit.GradientProperties} asserts in one
 * line that autograd matches central differences (first and second order) or a reference gradient.
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void cubeHasTheRightGradient(@ForAll("tensors") Tensor x) {
 *     GradientProperties.matchesCentralDifferences(in -> new Cube().apply(in.get(0)), List.of(x));
 * }
 *
 * @Provide
 * Arbitrary<Tensor> tensors() {
 *     return TensorArbitraries.tensors(Domain.any());
 * }
 * }</pre>
 *
 * <p>Add {@code io.jgrad:jgrad-testkit} with test scope; it brings jqwik to the tests only.
 */
package io.jgrad.testkit;
