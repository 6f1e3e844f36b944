package org.ebmworkbench.dsl.spec

// Dataset factories of the DSL. Every public function in a `*Factories.kt` file must have a Catalogue entry
// (CatalogueSpec checks it). Each toy draws `n` training and `nTest` test points with the cell's seed; the
// generator conventions below are the engine's (`org.ebmworkbench.engine.data`) and follow the cited code.

/** Uniform on the 8 alternating 2×2 squares of a 4×4 board on [-4, 4]² (SNL and ED code; optimum LL −log 32). */
fun checkerboard(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("checkerboard", n, nTest)

/** 25 Gaussians centred on {−4, −2, 0, 2, 4}²/1.414 with std 0.2/1.414 (ED notebook; optimum LL ≈ −2.146). */
fun gaussians25(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("gaussians25", n, nTest)

/** 8 Gaussians on a circle of radius 4/1.414 with std 0.5/1.414 (ED/EB-GFN code; optimum LL ≈ −2.831). */
fun gaussians8(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("gaussians8", n, nTest)

/** 4 circles of radius 2 centred at (±1, ±1) with noise std 0.1 (SNL code; optimum LL ≈ −2.873). */
fun fourCircles(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("four_circles", n, nTest)

/** Neal's funnel in 2-D: y ~ N(0, 1), x | y ~ N(0, e^{2y}), columns [x, y] (SNL code; optimum LL −log 2πe). */
fun funnel(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("funnel", n, nTest)

/** 5-arm pinwheel, radial std 0.3, tangential std 0.05, rate 0.25, scaled ×10 (SNL code; needs a large grid box). */
fun pinwheelSnl(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("pinwheel_snl", n, nTest)

/** 5-arm pinwheel, radial std 0.3, tangential std 0.1, rate 0.25, scaled ×2 (ED/EB-GFN code). */
fun pinwheelEd(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("pinwheel_ed", n, nTest)

/** Two interleaved half-moons (ED/EB-GFN toy suite). */
fun twoMoons(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("two_moons", n, nTest)

/** Noisy 2-D Swiss roll (ED/EB-GFN toy suite). */
fun swissRoll(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("swiss_roll", n, nTest)

/** Concentric noisy rings (ED/EB-GFN toy suite). */
fun rings(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("rings", n, nTest)

/** Two interleaved noisy spirals (ED/EB-GFN toy suite). */
fun twoSpirals(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("two_spirals", n, nTest)

/** The 1-D standard normal N(0, 1), the data of the ED paper's w-stabiliser figure (true energy x²/2). */
fun normal1d(n: Int = 10_000, nTest: Int = 10_000): ToyDatasetSpec = ToyDatasetSpec("normal_1d", n, nTest)

/** A numeric CSV file with a header row; a seeded shuffle holds out [testFraction] of the rows for testing. */
fun csv(path: String, testFraction: Double = 0.2): CsvDatasetSpec = CsvDatasetSpec(path, testFraction)
