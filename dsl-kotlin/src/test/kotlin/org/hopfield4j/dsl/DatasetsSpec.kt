package org.hopfield4j.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import org.hopfield4j.data.DataFileException
import org.hopfield4j.io.Npy
import java.nio.file.Files

/** `Datasets.mnist`: the digits the build converts, from the directory given. */
class DatasetsSpec : FunSpec({
    test("mnist reads mnist-digits.npy from the directory given") {
        val dir = Files.createTempDirectory("mnist")
        Npy.write(dir.resolve("mnist-digits.npy"), floatArrayOf(0f, 1f, 0.5f, 0.25f), 2, 2)
        val digits = Datasets.mnist(dir)
        digits.count() shouldBe 2
        digits.pixels().toList() shouldBe listOf(0f, 1f, 0.5f, 0.25f)
    }

    test("without the file, mnist says what is missing and how to get it") {
        val dir = Files.createTempDirectory("empty")
        shouldThrow<DataFileException> { Datasets.mnist(dir) }.message shouldStartWith
            "MNIST digits not found: ${dir.resolve("mnist-digits.npy")} does not exist"
    }
})
