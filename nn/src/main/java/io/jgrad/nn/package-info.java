/**
 * Neural-network building blocks on top of {@code io.jgrad.core}: {@link io.jgrad.nn.Layer} and its
 * layers ({@link io.jgrad.nn.Dense}, {@link io.jgrad.nn.Sequential}, activations,
 * {@link io.jgrad.nn.Dropout}), initialisers ({@link io.jgrad.nn.Init}), loss functions
 * ({@link io.jgrad.nn.Losses}), saving and loading ({@link io.jgrad.nn.Checkpoint}), data loading and
 * batching ({@link io.jgrad.nn.Csv}, {@link io.jgrad.nn.Dataset}, {@link io.jgrad.nn.Standardizer},
 * {@link io.jgrad.nn.Batches}) and a training loop ({@link io.jgrad.nn.Trainer}).
 *
 * <p>Every gradient comes from the core engine: layers and losses are compositions of core tensor
 * operations with no backward code of their own. The package depends on {@code core} only; an
 * optimizer enters the training loop as a plain step action.
 */
package io.jgrad.nn;
