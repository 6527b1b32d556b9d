/// What every fuzz target shares: the entry point and the checks.
///
/// Each target exports its one-input function as `LLVMFuzzerTestOneInput`, which libFuzzer's own
/// `main` calls. A debug build by SwiftPM on Linux also links every executable with `main`
/// defined as `<Module>_main` (so that tests can import executables), so each target defines
/// that function too and hands it to libFuzzer's driver: either way libFuzzer runs the same.
public typealias FuzzOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzOneInput
) -> CInt

/// Runs libFuzzer with the command line's options over `oneInput`.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ oneInput: FuzzOneInput) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, oneInput)
}

/// The input as bytes.
public func fuzzBytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
}

/// A broken promise is a finding: stop, so that libFuzzer keeps the input.
public func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}
