package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Tensor construction, accessors, printing, comparison and the shape and indexing ops. */
final class TensorTest {

    @Test
    void ofCopiesTheDataAndIsOneDimensionalWithoutAShape() {
        double[] data = {1, 2, 3};
        Tensor t = Tensor.of(data);
        data[0] = 99;
        assertEquals(Shape.of(3), t.shape());
        assertArrayEquals(new double[] {1, 2, 3}, t.toArray());
        assertTrue(t.isLeaf());
        assertFalse(t.requiresGrad());
        assertNull(t.grad());
    }

    @Test
    void ofWithShapeIsRowMajor() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(6.0, t.get(1, 2));
        assertEquals(4.0, t.get(1, 0));
        assertEquals(3.0, t.get(0, 2));
    }

    @Test
    void ofRowsBuildsAMatrix() {
        Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
    }

    @Test
    void scalarHasTheEmptyShape() {
        Tensor s = Tensor.scalar(2.5);
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(0, s.dim());
        assertEquals(1, s.size());
        assertEquals(2.5, s.item());
        assertEquals(2.5, s.get());
    }

    @Test
    void zerosOnesAndFullFillEveryElement() {
        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(2, 2).toArray());
        assertArrayEquals(new double[] {7, 7, 7}, Tensor.full(7.0, 3).toArray());
        assertEquals(Shape.of(2, 0, 4), Tensor.zeros(2, 0, 4).shape());
        assertEquals(Shape.scalar(), Tensor.ones().shape());
        assertEquals(Shape.of(2, 3), Tensor.zerosLike(Tensor.ones(2, 3)).shape());
    }

    @Test
    void randnAndRandDrawFromTheGivenGeneratorInRowMajorOrder() {
        Tensor n = Tensor.randn(new MersenneTwister(7), 2, 3);
        Tensor u = Tensor.rand(new MersenneTwister(7), 4);
        RandomGenerator ref = new MersenneTwister(7);
        for (double v : n.toArray()) {
            assertEquals(ref.nextGaussian(), v);
        }
        ref = new MersenneTwister(7);
        for (double v : u.toArray()) {
            assertEquals(ref.nextDouble(), v);
            assertTrue(v >= 0 && v < 1);
        }
        assertArrayEquals(n.toArray(), Tensor.randn(new MersenneTwister(7), 2, 3).toArray());
        assertFalse(n.allClose(Tensor.randn(new MersenneTwister(8), 2, 3)));
    }

    @Test
    void accessorsDescribeTheTensor() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(3, t.dim());
        assertEquals(24, t.size());
        assertArrayEquals(new int[] {2, 3, 4}, t.shape().dims());
        assertArrayEquals(new int[] {12, 4, 1}, t.shape().strides());
        assertEquals(4, t.shape().dim(-1));
        assertEquals(5.0, Tensor.of(new double[] {5}).item());
    }

    @Test
    void getAcceptsNegativeIndicesCountingFromTheEnd() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6.0, t.get(-1, -1));
        assertEquals(4.0, t.get(-1, 0));
        assertEquals(2.0, t.get(0, -2));
        assertEquals("get: index 2 is out of range for dimension 0 of shape [2, 3]",
                assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0)).getMessage());
        assertEquals("get: index -4 is out of range for dimension 1 of shape [2, 3]",
                assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, -4)).getMessage());
    }

    @Test
    void toStringShowsShapeValuesAndGraphState() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 0.125}, 2, 3);
        assertEquals("Tensor(shape=[2, 3], [[1., 2., 3.], [4., 5., 0.125000]])", t.toString());
        assertEquals("Tensor(shape=[], 2.50000)", Tensor.scalar(2.5).toString());
        assertEquals("Tensor(shape=[0], [])", Tensor.zeros(0).toString());
        Tensor w = Tensor.of(new double[] {-1, 2}).requiresGrad(true);
        assertEquals("Tensor(shape=[2], [-1., 2.], requiresGrad)", w.toString());
        assertEquals("Tensor(shape=[2], [-2., 4.], gradFn=mul)", w.mul(2.0).toString());
    }

    @Test
    void toStringOfALargeTensorIsTruncated() {
        Tensor big = Tensor.randn(new MersenneTwister(1), 100, 100);
        String s = big.toString();
        assertTrue(s.startsWith("Tensor(shape=[100, 100], [["), s);
        assertTrue(s.contains("..."), s);
        // 3 + 3 rows of 3 + 3 values each, whatever the size: a few hundred characters.
        assertTrue(s.length() < 1000, () -> "length " + s.length());
        assertEquals("Tensor(shape=[8], [0., 1., 2., ..., 5., 6., 7.])",
                Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}).toString());
    }

    @Test
    void allCloseComparesShapeAndValuesWithTolerances() {
        Tensor a = Tensor.of(new double[] {1, 2, Double.NaN});
        assertTrue(a.allClose(Tensor.of(new double[] {1, 2, Double.NaN})));
        assertTrue(a.allClose(Tensor.of(new double[] {1 + 1e-11, 2, Double.NaN})));
        assertFalse(a.allClose(Tensor.of(new double[] {1 + 1e-6, 2, Double.NaN})));
        assertTrue(a.allClose(Tensor.of(new double[] {1 + 1e-6, 2, Double.NaN}), 1e-5, 0));
        assertFalse(a.allClose(Tensor.of(new double[] {1, 2, 3})));
        assertFalse(a.allClose(Tensor.of(new double[] {1, 2, Double.NaN}, 3, 1)));
        Tensor inf = Tensor.of(new double[] {Double.POSITIVE_INFINITY});
        assertTrue(inf.allClose(Tensor.of(new double[] {Double.POSITIVE_INFINITY})));
        assertFalse(inf.allClose(Tensor.of(new double[] {Double.NEGATIVE_INFINITY})));
        assertFalse(Tensor.of(new double[] {5}).allClose(inf));
        assertFalse(inf.allClose(Tensor.of(new double[] {5}), 1e300, 1e300));
    }

    @Test
    void detachSharesValuesButCutsTheGraph() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(3.0);
        Tensor d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        assertSame(y.data(), d.data());
        assertEquals("leaf", d.opName());
        assertEquals("mul", y.opName());
        Tensor c = y.copy();
        assertNotSame(y.data(), c.data());
        assertArrayEquals(y.toArray(), c.toArray());
    }

    @Test
    void reshapeKeepsRowMajorOrderAndInfersOneDimension() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor r = x.reshape(3, -1);
        assertEquals(Shape.of(3, 2), r.shape());
        assertEquals(4.0, r.get(1, 1));
        r.backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.grad().toArray());
        assertEquals(Shape.scalar(), Tensor.of(new double[] {4}).reshape().shape());
    }

    @Test
    void transposeOfTwoDimensionsOfA3dTensorMovesEveryElement() {
        Tensor x = Tensor.randn(new MersenneTwister(3), 2, 3, 4).requiresGrad(true);
        Tensor t = x.transpose(0, 2);
        assertEquals(Shape.of(4, 3, 2), t.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(x.get(i, j, k), t.get(k, j, i));
                    assertEquals(x.get(i, j, k), x.transpose().get(i, k, j));
                    assertEquals(x.get(i, j, k), x.transpose(-3, 1).get(j, i, k));
                }
            }
        }
        GradCheck.check(in -> in.get(0).transpose(0, 2), List.of(x)).assertPassed();
        assertSame(x, x.transpose(1, -2));
    }

    @Test
    void expandRepeatsValuesAndSumsTheGradientBack() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3, 1).requiresGrad(true);
        Tensor e = x.expand(2, 3, 4);
        assertEquals(Shape.of(2, 3, 4), e.shape());
        assertEquals(2.0, e.get(1, 1, 3));
        assertEquals(3.0, e.get(0, 2, 0));
        e.backward(Tensor.ones(2, 3, 4));
        assertArrayEquals(new double[] {8, 8, 8}, x.grad().toArray());
    }

    @Test
    void indexSelectPicksSlicesAndAddsRepeatedGradients() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        Tensor rows = x.indexSelect(0, 2, 0, 2);
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, rows.toArray());
        rows.backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {3, 4, 0, 0, 6, 8}, x.grad().toArray());

        Tensor cols = x.indexSelect(-1, 1);
        assertEquals(Shape.of(3, 1), cols.shape());
        assertArrayEquals(new double[] {2, 4, 6}, cols.toArray());
        GradCheck.checkSecondOrder(in -> in.get(0).indexSelect(0, 1, 1, 0).pow(3.0), List.of(x))
                .assertPassed();
    }

    @Test
    void gatherPicksOneElementPerRowAndScattersTheGradient() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor picked = logits.gather(1, 2, 0);
        assertEquals(Shape.of(2), picked.shape());
        assertArrayEquals(new double[] {3, 4}, picked.toArray());
        picked.backward(Tensor.of(new double[] {10, 20}));
        assertArrayEquals(new double[] {0, 0, 10, 20, 0, 0}, logits.grad().toArray());

        Tensor byColumn = logits.gather(0, 1, 0, 1);
        assertArrayEquals(new double[] {4, 2, 6}, byColumn.toArray());
        GradCheck.checkSecondOrder(in -> in.get(0).gather(1, 1, 1).exp(), List.of(logits)).assertPassed();
    }

    @Test
    void argmaxReturnsTheFirstLargestIndexAlongAnAxis() {
        Tensor x = Tensor.of(new double[] {1, 7, 7, 9, 0, 2}, 2, 3);
        assertArrayEquals(new int[] {1, 0}, x.argmax(1));
        assertArrayEquals(new int[] {1, 0}, x.argmax(-1));
        assertArrayEquals(new int[] {1, 0, 0}, x.argmax(0));
    }

    @Test
    void sumOfAnEmptyTensorIsZero() {
        Tensor e = Tensor.zeros(0).requiresGrad(true);
        Tensor s = e.sum();
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(0.0, s.item());
        s.backward();
        assertEquals(Shape.of(0), e.grad().shape());

        Tensor rows = Tensor.zeros(2, 0).sum(1, false);
        assertArrayEquals(new double[] {0, 0}, rows.toArray());
        Tensor columns = Tensor.zeros(0, 3).sum(0, false);
        assertEquals(Shape.of(3), columns.shape());
        assertArrayEquals(new double[] {0, 0, 0}, columns.toArray());
        assertEquals(Shape.of(2, 0), Tensor.zeros(2, 0).add(Tensor.ones(1, 0)).shape());
    }

    @Test
    void maxOverAnEmptyAxisHasNoAnswer() {
        assertEquals("max: axis 0 of shape [0] is empty, so it has no maximum",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).max()).getMessage());
        assertEquals("max: axis 1 of shape [2, 0] is empty, so it has no maximum",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max(1, true)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 2).argmax(0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).mean());
    }
}
