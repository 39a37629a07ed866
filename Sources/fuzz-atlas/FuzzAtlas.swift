import FuzzSupport

// libFuzzer target: atlas files (decode, validate, scale, locate).
// Built with the fuzzer only by scripts/fuzz; an ordinary build replays files: see FuzzMain.

let context = FuzzContext.loadOrExit()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzMain.fuzzOne(data, size) { FuzzChecks.atlas($0, context: context) }
}

@main
enum FuzzAtlas {
    static func main() {
        _ = context
        FuzzMain.run(name: "fuzz-atlas", callback: fuzz) { FuzzChecks.atlas($0, context: context) }
    }
}
