import FuzzSupport

// libFuzzer target: case files (CSV): split, read every row, locate the first ones.
// Built with the fuzzer only by scripts/fuzz; an ordinary build replays files: see FuzzMain.

let context = FuzzContext.loadOrExit()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzMain.fuzzOne(data, size) { FuzzChecks.cases($0, context: context) }
}

@main
enum FuzzCases {
    static func main() {
        _ = context
        FuzzMain.run(name: "fuzz-cases", callback: fuzz) { FuzzChecks.cases($0, context: context) }
    }
}
