import FuzzSupport

// libFuzzer target: measurement files and length strings (with the case reader's fast path).
// Built with the fuzzer only by scripts/fuzz; an ordinary build replays files: see FuzzMain.

let context = FuzzContext.loadOrExit()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzMain.fuzzOne(data, size) { FuzzChecks.measurements($0, context: context) }
}

@main
enum FuzzMeasurements {
    static func main() {
        _ = context
        FuzzMain.run(name: "fuzz-measurements", callback: fuzz) { FuzzChecks.measurements($0, context: context) }
    }
}
